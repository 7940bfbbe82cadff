package org.align4j.cli.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.cli.BatchSizeOption;
import org.align4j.cli.Batches;
import org.align4j.cli.io.ScoreInput;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.model.bert.BertForSequenceClassification;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.RewardStats;
import org.align4j.cli.io.OutputOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code align reward score}: one scalar score per input line from a BERT regressor: {@code prompt}/{@code
 * response} lines through {@link RewardScorer} (a sentence pair, fitted as in training, plus the score
 * normalised with the model's reward_stats.json), or ready-made {@code input_ids} / single {@code text}.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score each input line with a reward model (BertForSequenceClassification, num_labels 1).",
            "{\"prompt\", \"response\"} lines are scored as a sentence pair, the way align reward train trains, and",
            "get \"normalized_score\" too when the model has reward_stats.json; {\"input_ids\"} / {\"text\"} lines are",
            "scored as one sequence."})
public final class RewardScoreCommand implements Callable<Integer> {
    @Mixin RewardModelOptions rewardModel;

    @Option(names = "--input", required = true,
            description = "JSONL with {\"prompt\": ..., \"response\": ...}, {\"input_ids\": [...]} or {\"text\": ...}")
    Path input;

    @Mixin OutputOption output;

    @Mixin BatchSizeOption batch = new BatchSizeOption(16);

    @Override
    public Integer call() {
        int batchSize = batch.size();
        if (PairScoreInput.isPairInput(input)) {
            return scorePairs(batchSize);
        }
        Path model = rewardModel.model;
        try (PretrainedModel pm = HfCheckpoint.load(model); var enc = org.align4j.cli.Encoders.forModel(model, true)) {
            BertForSequenceClassification rm = RewardScorer.rewardHead(pm, model.toString());
            List<ScoreInput.Row> rows = ScoreInput.read(input, enc.function(), null, 1);
            ScoreInput.checkFits(input, rows, rm.config());
            List<String> out = new ArrayList<>();
            for (List<ScoreInput.Row> batch : Batches.of(rows, batchSize)) {
                try (NDManager m = NDManager.newBaseManager()) {
                    int maxLen = batch.stream().mapToInt(r -> r.ids().length).max().orElseThrow();
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
            output.write(out);
        }
        return 0;
    }

    private int scorePairs(int batchSize) {
        List<PairScoreInput.Row> rows = PairScoreInput.read(input);
        List<String> out = new ArrayList<>();
        try (RewardScorer scorer = rewardModel.open(batchSize)) {
            float[] scores;
            try {
                scores = scorer.score(rows.stream().map(PairScoreInput.Row::prompt).toList(),
                        rows.stream().map(PairScoreInput.Row::response).toList());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
            }
            RewardStats stats = scorer.stats();
            for (int i = 0; i < rows.size(); i++) {
                ObjectNode o = rows.get(i).json().deepCopy();
                o.put("score", scores[i]);
                if (stats != null) {
                    o.put("normalized_score", stats.normalize(scores[i]));
                }
                out.add(o.toString());
            }
        }
        output.write(out);
        return 0;
    }
}
