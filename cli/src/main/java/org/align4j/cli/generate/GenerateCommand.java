package org.align4j.cli.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.align4j.cli.Batches;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.generate.TokenDecoder;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.datasets.ChatMessage;
import org.align4j.cli.io.OutputOption;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code align generate}: completions of prompts by a causal LM, one JSON line each:
 * {@code {"prompt", "completion", "tokens", "logprobs", "finish_reason"}}, where {@code logprobs[i]} is
 * the log-probability of {@code tokens[i]} under the model's unmodified distribution (before
 * temperature, top-k and top-p).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate completions with a causal LM (GPT-2, Llama, Qwen2); JSON lines out.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "causal LM directory (HF layout)")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--prompt", description = "a prompt text (repeatable); needs the model's tokenizer")
        List<String> prompts;

        @Option(names = "--input", description = "JSONL with {\"prompt\": text}, {\"messages\": [...]} (answered after the template's"
                + " generation prompt) or {\"input_ids\": [...]} per line")
        Path input;
    }

    /** Greedy by default: the model's most likely answer, the same every run. */
    @Mixin SamplingOptions sampling = new SamplingOptions(64, 0, 1, 42);

    @Option(names = "--top-k", defaultValue = "0", description = "sample among the k most likely tokens (0 = all)")
    int topK;

    @Option(names = "--stop", description = "stop when the completion contains this text (repeatable; cut from the output)")
    List<String> stop = new ArrayList<>();

    @Option(names = "--stop-token-id", description = "stop at this token id (repeatable), besides the model's EOS")
    List<Integer> stopTokenIds = new ArrayList<>();

    @Option(names = "--ignore-eos", description = "do not stop at the model's EOS tokens")
    boolean ignoreEos;

    @Option(names = "--no-cache", description = "run the whole sequence every step (slow; for checking the cache)")
    boolean noCache;

    @Option(names = "--template", defaultValue = "auto", paramLabel = "NAME",
            description = {"render --prompt/\"prompt\" texts as a user turn of this chat template and stop at its end"
                    + " of turn: chatml, alpaca, plain, none (raw text), or auto (default): the template the model was"
                    + " trained with (tokenizer_config.json align4j_template), else none"})
    String template;

    @Option(names = "--batch-size", defaultValue = "8", description = "prompts generated at once (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Mixin OutputOption output;

    @Override
    public Integer call() {
        Batches.checkSize(batchSize);
        String name = template.strip().toLowerCase(java.util.Locale.ROOT);
        boolean named = !name.equals("auto") && !name.equals("none");
        try (ModelBundle bundle = ModelBundle.load(model, named ? name : null)) {
            if (named && !bundle.hasTokenizer()) {
                throw new IllegalArgumentException("--template " + template + " needs the model's tokenizer.json in "
                        + model + "; give --template none with input_ids prompts");
            }
            boolean chat = bundle.hasTokenizer() && (named
                    || name.equals("auto") && bundle.tokenizer().settings().templateName().isPresent());
            TextTokenizer tok = bundle.hasTokenizer() ? bundle.tokenizer() : null;
            // Raw text as transformers' tokenizer(text): the post-processor's special tokens (e.g. Llama's BOS) are added.
            Function<String, int[]> encoder = tok == null ? null
                    : chat ? text -> bundle.promptIds(List.of(ChatMessage.user(text))) : tok::encodeWithSpecialTokens;
            Function<List<ChatMessage>, int[]> conversations = name.equals("none") || tok == null ? null
                    : bundle::promptIds;
            TokenDecoder decoder = tok == null ? null : ids -> tok.decode(ids, true);
            List<PromptInput.Prompt> prompts = new ArrayList<>();
            if (source.input != null) {
                prompts.addAll(PromptInput.read(source.input, encoder, conversations));
            } else {
                for (String p : source.prompts) {
                    prompts.add(PromptInput.text(p, encoder));
                }
            }
            List<Integer> stopIds = new ArrayList<>(stopTokenIds);
            List<String> stops = new ArrayList<>(stop);
            boolean anyConversation = prompts.stream().anyMatch(PromptInput.Prompt::conversation);
            if ((chat || anyConversation) && !ignoreEos) { // the template's end of turn ends an answer
                stopIds.addAll(bundle.stops().stopTokenIds());
                stops.addAll(bundle.stops().stopStrings());
            }
            SamplingConfig config = sampling.config(SamplingConfig.builder().topK(topK)
                    .eosIds(ignoreEos ? List.of() : bundle.stops().eosIds()).stopTokenIds(stopIds).stopStrings(stops)
                    .useCache(!noCache));
            List<String> lines = new ArrayList<>();
            for (List<PromptInput.Prompt> batch : Batches.of(prompts, batchSize)) {
                List<int[]> ids = batch.stream().map(PromptInput.Prompt::ids).toList();
                List<GeneratedSequence> results;
                try {
                    results = bundle.generate(ids, config, batch.size());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where(batch, e.getMessage()) + e.getMessage(), e);
                }
                for (int i = 0; i < batch.size(); i++) {
                    lines.add(line(batch.get(i), results.get(i), decoder));
                }
            }
            output.write(lines);
        }
        return 0;
    }

    /** The input line a generator error ("prompt 2 ...") is about. */
    private static String where(List<PromptInput.Prompt> batch, String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^prompt (\\d+)").matcher(message);
        return m.find() ? batch.get(Integer.parseInt(m.group(1))).where() + ": " : "";
    }

    private static String line(PromptInput.Prompt p, GeneratedSequence g, TokenDecoder decoder) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("prompt", p.text() != null ? p.text() : decoder != null ? decoder.decode(p.ids()) : null);
        o.put("prompt_tokens", p.ids().length);
        o.put("completion", g.text());
        ArrayNode tokens = o.putArray("tokens");
        for (int t : g.tokens()) {
            tokens.add(t);
        }
        ArrayNode lps = o.putArray("logprobs");
        for (float v : g.logProbs()) {
            lps.add(v);
        }
        o.put("finish_reason", g.finishReason().jsonName());
        return o.toString();
    }
}
