package org.align4j.dpo.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.align4j.core.train.config.Checks;
import org.align4j.datasets.template.ChatTemplates;

/**
 * The {@code data:} section of {@code align dpo}: where the preference pairs come from and how they
 * are tokenised.
 *
 * @param trainFiles JSONL (or JSON array) files of {@code {"prompt","chosen","rejected"}} pairs
 * @param db a feedback database (JDBC URL or H2 file path) whose active pairs are trained on, or null
 * @param evalFiles held-out pair files; when empty, {@code eval_fraction} of the training pairs is held out
 * @param evalFraction the share of training pairs held out (grouped by prompt) when no eval file is given
 * @param template chat template (chatml, alpaca, plain); null: the tokenizer's {@code align4j_template},
 *     else chatml
 * @param maxLength tokens per sequence; longer pairs lose prompt tokens first (reported)
 * @param skipInvalid train on the valid rows of a partly invalid file instead of stopping
 * @param sourceWeights per pair {@code source}, a factor on the loss of the training pairs of that source (on top of
 *     a pair's own {@code weight}), e.g. to let a small pair type hold its own against the large ones; empty: none.
 *     A source no training pair has is refused when the run starts
 */
public record DpoDataConfig(
        List<String> trainFiles,
        String db,
        List<String> evalFiles,
        double evalFraction,
        String template,
        int maxLength,
        boolean skipInvalid,
        Map<String, Double> sourceWeights) {

    public DpoDataConfig {
        trainFiles = trainFiles == null ? List.of() : List.copyOf(trainFiles);
        evalFiles = evalFiles == null ? List.of() : List.copyOf(evalFiles);
        Checks.fraction("eval_fraction", evalFraction);
        if (!evalFiles.isEmpty() && evalFraction > 0) {
            throw new IllegalArgumentException("eval_fraction: " + evalFraction + " splits the training pairs, but"
                    + " eval_files are given too; set eval_fraction to 0 or remove eval_files");
        }
        if (template != null) {
            Checks.oneOf("template", template, ChatTemplates.NAMES);
        }
        Checks.atLeast("max_length", maxLength, 8);
        if (db != null) {
            Checks.notBlank("db", db);
        }
        sourceWeights = sourceWeights == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sourceWeights));
        sourceWeights.forEach((source, w) -> {
            Checks.notBlank("source_weights: a source name", source);
            if (w == null) {
                throw new IllegalArgumentException("source_weights." + source + ": give a number > 0");
            }
            Checks.positive("source_weights." + source, w);
        });
    }

    /** No source yet (one must be configured), 10% held out, 512 tokens. */
    public static DpoDataConfig defaults() {
        return new DpoDataConfig(List.of(), null, List.of(), 0.1, null, 512, false, Map.of());
    }

    /** Whether any training source is configured. */
    public boolean hasSource() {
        return !trainFiles.isEmpty() || db != null;
    }
}
