package org.align4j.reward.config;

import java.util.List;
import org.align4j.core.train.config.Checks;
import org.align4j.reward.data.SampleRef;

/**
 * The {@code data:} section: what the reward model learns from and how inputs are fitted.
 *
 * @param kind {@code pairs} (preference pairs, Bradley–Terry loss) or {@code ratings} (rated answers, MSE)
 * @param trainFiles JSONL (or JSON array) files of pairs {@code {"prompt","chosen","rejected"}} or ratings
 *     {@code {"prompt","response","score"}}; {@code sample:NAME} is a bundled sample file ({@link SampleRef},
 *     e.g. {@code sample:pairs-train.jsonl})
 * @param db a feedback database (JDBC URL or H2 file path): its pairs or ratings are exported with the
 *     feedback module's exporter into {@code output_dir/data/} and trained on; null for none
 * @param evalFiles held-out files (paths or {@code sample:NAME}); when empty, {@code eval_fraction} of the training rows is held out
 * @param evalFraction share of training rows held out (grouped by prompt) when no eval file is given; 0
 *     turns evaluation off
 * @param maxLength tokens per input {@code [CLS] prompt [SEP] answer [SEP]}; longer inputs lose prompt
 *     tokens from the start
 * @param truncateAnswers cut answers that do not fit even with an empty prompt (off: such an answer is an
 *     error, never cut silently)
 * @param skipInvalid train on the valid rows of a partly invalid file instead of stopping
 * @param negatives pairs only: synthetic off-topic and word-salad pairs added to the training pairs (none when
 *     absent)
 */
public record RewardDataConfig(
        String kind,
        List<String> trainFiles,
        String db,
        List<String> evalFiles,
        double evalFraction,
        int maxLength,
        boolean truncateAnswers,
        boolean skipInvalid,
        RewardNegativesConfig negatives) {

    public static final List<String> KINDS = List.of("pairs", "ratings");

    public RewardDataConfig {
        Checks.oneOf("kind", kind, KINDS);
        trainFiles = trainFiles == null ? List.of() : List.copyOf(trainFiles);
        evalFiles = evalFiles == null ? List.of() : List.copyOf(evalFiles);
        for (String f : trainFiles) {
            checkFile("train_files", f, kind);
        }
        for (String f : evalFiles) {
            checkFile("eval_files", f, kind);
        }
        if (db != null) {
            Checks.notBlank("db", db);
        }
        Checks.fraction("eval_fraction", evalFraction);
        if (!evalFiles.isEmpty() && evalFraction > 0) {
            throw new IllegalArgumentException("eval_fraction: " + evalFraction + " splits the training rows, but "
                    + "eval_files are given too; set eval_fraction to 0 or remove eval_files");
        }
        Checks.atLeast("max_length", maxLength, 8);
        negatives = negatives == null ? RewardNegativesConfig.none() : negatives;
        if (negatives.any() && !kind.equals("pairs")) {
            throw new IllegalArgumentException("negatives: synthetic pairs apply to kind pairs only; remove"
                    + " data.negatives for " + kind);
        }
    }

    private static void checkFile(String field, String file, String kind) {
        Checks.notBlank(field, file);
        if (SampleRef.is(file)) {
            SampleRef.resolve(file, kind, field);
        }
    }

    /**
     * Pairs, no source yet, 10% held out, 256 tokens (enough for a question and a paragraph-long answer), no
     * synthetic pairs.
     */
    public static RewardDataConfig defaults() {
        return new RewardDataConfig("pairs", List.of(), null, List.of(), 0.1, 256, false, false,
                RewardNegativesConfig.none());
    }

    public boolean pairwise() {
        return kind.equals("pairs");
    }

    public boolean hasSource() {
        return !trainFiles.isEmpty() || db != null;
    }
}
