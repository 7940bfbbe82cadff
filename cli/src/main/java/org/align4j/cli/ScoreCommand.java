package org.align4j.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.align4j.cli.io.ScoreInput;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.logprob.ResponseLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.cli.io.OutputOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code align score}: per-token log-probs of token sequences under a causal LM, where
 * {@code logprobs[i] = log p(ids[i+1] | ids[..i])} and {@code sum} is their total. A conversation
 * ({@code "messages"}) is rendered with the model's chat template and BOS rule, as training renders it; its
 * output also marks the assistant tokens ({@code assistant_mask}, one 0/1 per id) and sums their log-probs
 * ({@code assistant_sum}, {@code assistant_tokens}).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Per-token log-probs of each input line under a causal LM (JSON lines out).")
public final class ScoreCommand implements Callable<Integer> {
    @Mixin CausalLmOptions model;

    @Option(names = "--input", required = true,
            description = "JSONL with {\"input_ids\": [...]}, {\"text\": ...} or {\"messages\": [...]}")
    Path input;

    @Mixin OutputOption output;

    @Mixin BatchSizeOption batch = new BatchSizeOption(8);

    @Override
    public Integer call() {
        int batchSize = batch.size();
        try (ModelBundle bundle = model.load()) {
            CausalLanguageModel lm = bundle.lm();
            List<ScoreInput.Row> rows = ScoreInput.read(input,
                    bundle.hasTokenizer() ? text -> ScoreInput.longIds(bundle.tokenizer().encode(text)) : null,
                    bundle.hasTokenizer() ? m -> bundle.encoder().encode(SftExample.ofMessages(m)) : null, 2);
            ScoreInput.checkFits(input, rows, lm.config());
            List<String> out = new ArrayList<>();
            try (NoGrad ignored = NoGrad.enter()) {
                int start = 0;
                for (List<ScoreInput.Row> batch : Batches.of(rows, batchSize)) {
                    List<TokenizedSequence> seqs = batch.stream().map(ScoreCommand::sequence).toList();
                    int[] idx = IntStream.range(start, start + batch.size()).toArray();
                    try (NDManager m = NDManager.newBaseManager()) {
                        ResponseLogProbs lp = ResponseLogProbs.of(lm, m, bundle.collator().rightPadded(seqs, idx), false);
                        float[] all = lp.perToken().toFloatArray(); // (B, T-1)
                        int width = (int) lp.perToken().getShape().get(1);
                        for (int b = 0; b < batch.size(); b++) {
                            out.add(line(batch.get(b), all, b * width));
                        }
                    }
                    start += batch.size();
                }
            }
            output.write(out);
        }
        return 0;
    }

    /** The row as a sequence whose loss mask marks the assistant tokens (none for ids and text). */
    private static TokenizedSequence sequence(ScoreInput.Row r) {
        int[] ids = new int[r.ids().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Math.toIntExact(r.ids()[i]);
        }
        return new TokenizedSequence(ids, r.assistant() != null ? r.assistant() : new boolean[ids.length]);
    }

    /** The input line with its ids, per-token log-probs (from {@code all[offset..]}) and sums. */
    private static String line(ScoreInput.Row r, float[] all, int offset) {
        ObjectNode o = r.json().deepCopy();
        ArrayNode idsOut = o.putArray("input_ids");
        for (long id : r.ids()) {
            idsOut.add(id);
        }
        ArrayNode lps = o.putArray("logprobs");
        double sum = 0;
        double assistantSum = 0;
        int assistantTokens = 0;
        for (int t = 0; t < r.ids().length - 1; t++) {
            float v = all[offset + t];
            lps.add(v);
            sum += v;
            if (r.assistant() != null && r.assistant()[t + 1]) { // position t predicts token t+1
                assistantSum += v;
                assistantTokens++;
            }
        }
        o.put("sum", sum);
        if (r.assistant() != null) {
            ArrayNode mask = o.putArray("assistant_mask");
            for (boolean a : r.assistant()) {
                mask.add(a ? 1 : 0);
            }
            o.put("assistant_sum", assistantSum);
            o.put("assistant_tokens", assistantTokens);
        }
        return o.toString();
    }
}
