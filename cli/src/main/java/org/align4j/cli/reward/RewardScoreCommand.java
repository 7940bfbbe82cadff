package org.align4j.cli.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.cli.io.JsonLinesOutput;
import org.align4j.cli.io.ScoreInput;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.model.bert.BertForSequenceClassification;
import org.align4j.reward.RewardScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align reward score}: the reward model's score of answers, read as it was trained to read them
 * ({@code {"prompt", "response"}} or {@code {"prompt", "chosen", "rejected"}} lines, scored as sentence pairs by
 * {@link RewardScorer}), or of raw sequences ({@code {"input_ids"}} or {@code {"text"}} lines).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score each input line with a reward model (BertForSequenceClassification, num_labels 1).")
public final class RewardScoreCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "reward model directory")
    Path model;

    @Option(names = "--input", required = true, description = "JSONL with {\"prompt\", \"response\"} or {\"prompt\", \"chosen\", \"rejected\"} lines"
                    + " (answers to a prompt), or {\"input_ids\": [...]} / {\"text\": ...} lines (raw sequences)")
    Path input;

    @Option(names = "--output", description = "write results here (atomically) instead of stdout")
    Path output;

    @Option(names = "--batch-size", defaultValue = "16", description = "sequences per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (AnswerInput.applies(input)) {
            scoreAnswers();
            return 0;
        }
        try (PretrainedModel pm = HfCheckpoint.load(model); var enc = org.align4j.cli.Encoders.forModel(model, true)) {
            BertForSequenceClassification rm = pm.sequenceClassifier();
            if (rm.config().numLabels() != 1) {
                throw new IllegalArgumentException(model + ": num_labels is " + rm.config().numLabels()
                        + "; a reward model has exactly one output");
            }
            List<ScoreInput.Row> rows = ScoreInput.read(input, enc.function(), 1);
            ScoreInput.checkVocabulary(input, rows, rm.config().vocabSize());
            List<String> out = new ArrayList<>();
            for (int start = 0; start < rows.size(); start += batchSize) {
                List<ScoreInput.Row> batch = rows.subList(start, Math.min(rows.size(), start + batchSize));
                try (NDManager m = NDManager.newBaseManager()) {
                    int maxLen = batch.stream().mapToInt(r -> r.ids().length).max().orElseThrow();
                    if (maxLen > rm.config().maxPositions()) {
                        throw new IllegalArgumentException(input + ": a line has " + maxLen
                                + " tokens; the model's limit is " + rm.config().maxPositions());
                    }
                    long[] flat = new long[batch.size() * maxLen];
                    long[] mask = new long[flat.length];
                    for (int b = 0; b < batch.size(); b++) {
                        long[] ids = batch.get(b).ids();
                        System.arraycopy(ids, 0, flat, b * maxLen, ids.length);
                        java.util.Arrays.fill(mask, b * maxLen, b * maxLen + ids.length, 1);
                    }
                    Shape s = new Shape(batch.size(), maxLen);
                    NDArray scores = rm.forward(m.create(flat, s), null, m.create(mask, s), false); // (B, 1)
                    float[] v = scores.toFloatArray();
                    for (int b = 0; b < batch.size(); b++) {
                        ObjectNode o = batch.get(b).json().deepCopy();
                        o.put("score", v[b]);
                        out.add(o.toString());
                    }
                }
            }
            JsonLinesOutput.write(output, out, System.out);
        }
        return 0;
    }

    private void scoreAnswers() {
        List<AnswerInput.Row> rows = AnswerInput.read(input);
        List<String> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (AnswerInput.Row r : rows) {
            for (String a : r.answers()) {
                prompts.add(r.prompt());
                answers.add(a);
            }
        }
        float[] scores;
        try (RewardScorer scorer = RewardScorer.load(model, batchSize)) {
            scores = scorer.score(prompts, answers);
        }
        List<String> out = new ArrayList<>();
        int k = 0;
        for (AnswerInput.Row r : rows) {
            ObjectNode o = r.json().deepCopy();
            if (r.pair()) {
                o.put("score_chosen", scores[k]);
                o.put("score_rejected", scores[k + 1]);
            } else {
                o.put("score", scores[k]);
            }
            k += r.answers().size();
            out.add(o.toString());
        }
        JsonLinesOutput.write(output, out, System.out);
    }
}
