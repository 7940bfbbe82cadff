package org.align4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.logprob.TokenLogProbs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with the Hugging Face definitions: tiny random checkpoints written by an independent numpy
 * transcription of modeling_gpt2/llama/qwen2/bert.py ({@code tools/parity/hf_reference.py}, with
 * transformers' key names, F32/BF16/F16 tensors and a sharded index) must give the same per-token
 * log-probs and scores to 1e-4.
 */
class HfParityTest {
    private static final double TOL = 1e-4;

    static Path caseDir(String name) {
        try {
            return Paths.get(HfParityTest.class.getResource("/parity/" + name + "/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-f32", "gpt2-bf16", "gpt2-f16", "llama-f32", "llama-bf16", "llama-f16",
            "qwen2-f32", "qwen2-bf16", "qwen2-f16"})
    void causalLogProbsMatchTheReference(String name) throws Exception {
        Path dir = caseDir(name);
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        try (PretrainedModel model = HfCheckpoint.load(dir); NDManager m = NDManager.newBaseManager()) {
            CausalLanguageModel lm = model.causalLm();
            List<long[]> seqs = new ArrayList<>();
            for (JsonNode row : expected.get("sequences")) {
                long[] ids = longs(row.get("input_ids"));
                seqs.add(ids);
                NDArray lp = TokenLogProbs.perToken(lm, m.create(ids, new Shape(1, ids.length)), null, false);
                assertClose(lp.toFloatArray(), row.get("logprobs"));
            }
            // The same sequences as one right-padded batch, and one left-padded batch with a mask.
            int maxLen = seqs.stream().mapToInt(s -> s.length).max().orElseThrow();
            for (boolean left : new boolean[] {false, true}) {
                long[] flat = new long[seqs.size() * maxLen];
                long[] mask = new long[flat.length];
                for (int b = 0; b < seqs.size(); b++) {
                    long[] s = seqs.get(b);
                    int off = left ? maxLen - s.length : 0;
                    for (int t = 0; t < s.length; t++) {
                        flat[b * maxLen + off + t] = s[t];
                        mask[b * maxLen + off + t] = 1;
                    }
                }
                NDArray ids = m.create(flat, new Shape(seqs.size(), maxLen));
                NDArray am = m.create(mask, new Shape(seqs.size(), maxLen));
                float[] lp = TokenLogProbs.perToken(lm, ids, left ? am : null, false).toFloatArray();
                int b = 0;
                for (JsonNode row : expected.get("sequences")) {
                    int len = seqs.get(b).length;
                    int off = left ? maxLen - len : 0;
                    float[] mine = new float[len - 1];
                    System.arraycopy(lp, b * (maxLen - 1) + off, mine, 0, len - 1);
                    assertClose(mine, row.get("logprobs"));
                    b++;
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert-f32"})
    void bertScoresMatchTheReference(String name) throws Exception {
        Path dir = caseDir(name);
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        try (PretrainedModel model = HfCheckpoint.load(dir); NDManager m = NDManager.newBaseManager()) {
            for (JsonNode row : expected.get("rows")) {
                long[] ids = longs(row.get("input_ids"));
                long[] types = longs(row.get("token_type_ids"));
                NDArray score = model.sequenceClassifier().forward(m.create(ids, new Shape(1, ids.length)),
                        m.create(types, new Shape(1, types.length)), null, false);
                assertThat((double) score.toFloatArray()[0]).isCloseTo(row.get("score").asDouble(), within(TOL));
            }
        }
    }

    private static long[] longs(JsonNode arr) {
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asLong();
        }
        return out;
    }

    private static void assertClose(float[] actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("log-prob %d", i).isCloseTo(expected.get(i).asDouble(), within(TOL));
        }
    }
}
