package org.align4j.cli.reward;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.align4j.cli.io.JsonLinesOutput;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.config.RewardLossConfig;
import org.align4j.reward.data.PairExamples;
import org.align4j.reward.data.RewardData;
import org.align4j.reward.data.RewardExamples;
import org.align4j.reward.eval.NegativeCheck;
import org.align4j.reward.eval.RewardEvaluation;
import org.align4j.reward.eval.RewardReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code align reward eval}: a saved reward model on held-out pairs or ratings. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a reward model: pairwise accuracy and mean margin on pairs, or MSE, Pearson and "
                + "Spearman on ratings, with a calibration table of score buckets against the observed positive rate.")
public final class RewardEvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin RewardModelOptions rewardModel;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "JSONL pairs or ratings; sample:NAME for a bundled sample file (e.g. sample:pairs-heldout.jsonl)")
    String data;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "pairs or ratings")
    String kind;

    @Option(names = "--out", paramLabel = "FILE.json", description = "also write the report as JSON (atomically)")
    Path out;

    @Option(names = "--batch-size", defaultValue = "32", description = "inputs per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--skip-invalid", description = "evaluate the valid rows of a partly invalid file")
    boolean skipInvalid;

    @Option(names = "--buckets", defaultValue = "5", description = "calibration buckets (default: ${DEFAULT-VALUE})")
    int buckets;

    @Option(names = "--threshold", defaultValue = "0.5",
            description = "ratings: a score mapped onto [0, 1] above this is positive (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--negatives", description = {"pairs: also score each pair's chosen answer against another prompt's"
            + " chosen answer (off-topic) and against its own words shuffled (word salad); near 0.5 is a blind spot"
            + " PPO can exploit"})
    boolean negatives;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the --negatives pairs (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (!List.of("pairs", "ratings").contains(kind)) {
            throw new IllegalArgumentException("--kind " + kind + ": use pairs or ratings");
        }
        RewardLossConfig cfg;
        try {
            cfg = new RewardLossConfig(0, 0, batchSize, buckets, threshold);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage().replace('_', '-'), e);
        }
        RewardExamples examples = RewardData.file(data, kind, skipInvalid, System.out);
        if (negatives && !(examples instanceof PairExamples)) {
            throw new IllegalArgumentException("--negatives: needs --kind pairs (the synthetic pairs reuse their chosen"
                    + " answers)");
        }
        RewardReport report;
        NegativeCheck check = null;
        try (RewardScorer scorer = rewardModel.open(batchSize)) {
            report = RewardEvaluation.evaluate(scorer, examples, cfg);
            if (negatives) {
                check = NegativeCheck.of(scorer, (PairExamples) examples, cfg, seed);
            }
        }
        System.out.print(report.format());
        if (check != null) {
            System.out.print(check.format());
        }
        if (out != null) {
            ObjectNode o = JSON.createObjectNode();
            o.put("model", rewardModel.model.toString());
            o.put("data", data);
            o.setAll(report.toJson());
            if (check != null) {
                o.set("synthetic_negatives", check.toJson());
            }
            JsonLinesOutput.write(out, List.of(o.toPrettyString()), System.out);
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
