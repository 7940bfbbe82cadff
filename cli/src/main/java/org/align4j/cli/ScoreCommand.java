package org.align4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.cli.io.JsonLinesOutput;
import org.align4j.cli.io.ScoreInput;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align score}: per-token log-probs of token sequences under a causal LM, where
 * {@code logprobs[i] = log p(ids[i+1] | ids[..i])} and {@code sum} is their total.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Per-token log-probs of each input line under a causal LM (JSON lines out).")
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "causal LM directory (gpt2, llama, qwen2)")
    Path model;

    @Option(names = "--input", required = true, description = "JSONL with {\"input_ids\": [...]} or {\"text\": ...}")
    Path input;

    @Option(names = "--output", description = "write results here (atomically) instead of stdout")
    Path output;

    @Option(names = "--batch-size", defaultValue = "8", description = "sequences per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        try (PretrainedModel pm = HfCheckpoint.load(model); Encoders.Encoder enc = Encoders.forModel(model)) {
            CausalLanguageModel lm = pm.causalLm();
            List<ScoreInput.Row> rows = ScoreInput.read(input, enc.function(), 2);
            ScoreInput.checkVocabulary(input, rows, lm.config().vocabSize());
            for (ScoreInput.Row r : rows) {
                if (r.ids().length > lm.config().maxPositions()) {
                    throw new IllegalArgumentException(input + ":" + r.line() + ": " + r.ids().length
                            + " tokens exceed the model's context of " + lm.config().maxPositions());
                }
            }
            List<String> out = new ArrayList<>();
            for (int start = 0; start < rows.size(); start += batchSize) {
                List<ScoreInput.Row> batch = rows.subList(start, Math.min(rows.size(), start + batchSize));
                try (NDManager m = NDManager.newBaseManager()) {
                    int maxLen = batch.stream().mapToInt(r -> r.ids().length).max().orElseThrow();
                    long[] flat = new long[batch.size() * maxLen]; // right padding with id 0: masked out below
                    for (int b = 0; b < batch.size(); b++) {
                        System.arraycopy(batch.get(b).ids(), 0, flat, b * maxLen, batch.get(b).ids().length);
                    }
                    NDArray ids = m.create(flat, new Shape(batch.size(), maxLen));
                    float[] lp = TokenLogProbs.perToken(lm, ids, null, false).toFloatArray(); // (B, T-1)
                    for (int b = 0; b < batch.size(); b++) {
                        ScoreInput.Row r = batch.get(b);
                        ObjectNode o = r.json().deepCopy();
                        ArrayNode idsOut = o.putArray("input_ids");
                        for (long id : r.ids()) {
                            idsOut.add(id);
                        }
                        ArrayNode lps = o.putArray("logprobs");
                        double sum = 0;
                        for (int t = 0; t < r.ids().length - 1; t++) {
                            float v = lp[b * (maxLen - 1) + t];
                            lps.add(v);
                            sum += v;
                        }
                        o.put("sum", sum);
                        out.add(o.toString());
                    }
                }
            }
            JsonLinesOutput.write(output, out, System.out);
        }
        return 0;
    }
}
