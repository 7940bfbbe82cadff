package org.align4j.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.align4j.cli.TinyModels;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.JsonlWriter;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.sft.SftData;
import org.align4j.sft.SftDataConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SFT, DPO, PPO and eval turn the same conversation into the same ids, through each stage's own data path on
 * the model bundle: one BOS rule. A tokenizer that adds a BOS itself (Llama) gets exactly one in front; one that
 * merely declares a BOS (Qwen's config.json) gets none, as transformers' {@code tokenizer(text)} does.
 */
class OneBosRuleTest {
    private static final String Q = "my child has a fever";
    private static final String A = "please see a doctor";
    @TempDir static Path tmp;
    static Path declared;
    static Path added;

    @BeforeAll
    static void models() throws Exception {
        declared = TinyModels.create(Files.createDirectories(tmp.resolve("declared")), "gpt2");
        bos(declared, false);
        added = TinyModels.create(Files.createDirectories(tmp.resolve("added")), "gpt2");
        bos(added, true);
    }

    @Test
    void aBosTheTokenizerAddsStartsEveryStagesSequenceOnce() throws Exception {
        try (ModelBundle b = ModelBundle.load(added)) {
            int bos = b.tokenizer().tokenId("<|endoftext|>").orElseThrow();
            int[] sft = stagesAgree(b, "added");
            assertThat(sft[0]).isEqualTo(bos);
            assertThat(Arrays.stream(sft).filter(id -> id == bos).count()).isEqualTo(1);
        }
    }

    @Test
    void aBosTheTokenizerOnlyDeclaresStartsNoStagesSequence() throws Exception {
        try (ModelBundle b = ModelBundle.load(declared)) {
            int bos = b.tokenizer().tokenId("<|endoftext|>").orElseThrow();
            assertThat(b.tokenizer().special().bos()).isPresent();
            int[] sft = stagesAgree(b, "declared");
            assertThat(sft).doesNotContain(bos);
        }
    }

    /** The SFT ids of the conversation, after checking that DPO, PPO and eval produce the same ids. */
    private static int[] stagesAgree(ModelBundle b, String name) throws Exception {
        Path file = tmp.resolve(name + "-sft.jsonl");
        JsonlWriter.writeAll(file, Codecs.SFT, List.of(SftExample.of(Q, A)));
        int[] sft = SftData.prepare(new SftDataConfig(file.toString(), null, 0.0, null, 64, false), b.encoder(), 1,
                b.lm().config().maxPositions()).train().get(0).ids();
        int[] dpo = EncodedPairs.encode("t", List.of(PreferencePair.of(Q, A, "no")), b.encoder(), 64).tokens().get(0)
                .chosen().ids();
        List<ChatMessage> prompt = List.of(ChatMessage.user(Q));
        int[] ppo = PromptSet.of(List.of(prompt), b.encoder(), 64, 0, "t").get(0).ids();
        int[] evalPrompt = b.promptIds(prompt); // eval's greedy answers continue from here
        int[] evalScored = b.encoder().encode(SftExample.of(Q, A)).ids(); // eval's held-out perplexity
        assertThat(dpo).containsExactly(sft);
        assertThat(evalScored).containsExactly(sft);
        assertThat(ppo).containsExactly(evalPrompt);
        assertThat(Arrays.copyOf(sft, ppo.length)).containsExactly(ppo);
        return sft;
    }

    /** Declares {@code <|endoftext|>} as the BOS; with {@code add}, the tokenizer's post-processor prepends it. */
    private static void bos(Path dir, boolean add) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path cfgFile = dir.resolve("tokenizer_config.json");
        ObjectNode cfg = Files.isRegularFile(cfgFile) ? (ObjectNode) json.readTree(cfgFile.toFile()) : json.createObjectNode();
        cfg.put("bos_token", "<|endoftext|>");
        json.writeValue(cfgFile.toFile(), cfg);
        if (!add) {
            return;
        }
        ObjectNode root = (ObjectNode) json.readTree(dir.resolve("tokenizer.json").toFile());
        int id = -1;
        for (var t : root.get("added_tokens")) {
            if (t.get("content").asText().equals("<|endoftext|>")) {
                id = t.get("id").asInt();
            }
        }
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        for (String field : new String[] {"single", "pair"}) {
            ArrayNode a = post.putArray(field);
            a.addObject().putObject("SpecialToken").put("id", "<|endoftext|>").put("type_id", 0);
            a.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
            if (field.equals("pair")) {
                a.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
            }
        }
        ObjectNode t = post.putObject("special_tokens").putObject("<|endoftext|>");
        t.put("id", "<|endoftext|>");
        t.putArray("ids").add(id);
        t.putArray("tokens").add("<|endoftext|>");
        json.writeValue(dir.resolve("tokenizer.json").toFile(), root);
    }
}
