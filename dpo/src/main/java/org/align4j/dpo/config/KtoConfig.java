package org.align4j.dpo.config;

import java.util.List;
import org.align4j.core.train.config.Checks;

/**
 * The {@code kto:} section of {@code align dpo} with {@code dpo.loss: kto}: where the unpaired examples come from and
 * how the two kinds are weighted (Ethayarajh et al. 2024; names as TRL's {@code KTOConfig}).
 *
 * @param unpairedFiles JSONL files of {@code {"prompt","completion","label"}} examples
 * @param ratingsFiles JSONL ratings files: 👍/👎 (and 1–5 scores by the thresholds below) become examples
 * @param fromPairs also unpair the preference pairs of {@code data} (chosen desirable, rejected undesirable)
 * @param desirableWeight λ_D (TRL default 1.0)
 * @param undesirableWeight λ_U (TRL default 1.0); {@code 0} means "balance": λ_D·n_D / n_U, the lower end of the
 *     recommended range [1, 4/3] of {@code λ_D n_D / (λ_U n_U)}
 * @param desirableFrom the lowest 1–5 score read as desirable
 * @param undesirableUpTo the highest 1–5 score read as undesirable; scores between are dropped (counted)
 */
public record KtoConfig(
        List<String> unpairedFiles,
        List<String> ratingsFiles,
        boolean fromPairs,
        double desirableWeight,
        double undesirableWeight,
        double desirableFrom,
        double undesirableUpTo) {

    public KtoConfig {
        unpairedFiles = unpairedFiles == null ? List.of() : List.copyOf(unpairedFiles);
        ratingsFiles = ratingsFiles == null ? List.of() : List.copyOf(ratingsFiles);
        Checks.positive("kto.desirable_weight", desirableWeight);
        Checks.nonNegative("kto.undesirable_weight", undesirableWeight);
        Checks.inRange("kto.desirable_from", desirableFrom, 1, 5);
        Checks.inRange("kto.undesirable_up_to", undesirableUpTo, 1, 5);
        if (!(undesirableUpTo < desirableFrom)) {
            throw new IllegalArgumentException("kto.undesirable_up_to: " + undesirableUpTo + " must be below"
                    + " kto.desirable_from (" + desirableFrom + ")");
        }
    }

    /** No files, pairs unpaired, λ_D = 1 and λ_U balanced, 1–5 scores of 4–5 desirable and 1–2 undesirable. */
    public static KtoConfig defaults() {
        return new KtoConfig(List.of(), List.of(), true, 1.0, 0.0, 4, 2);
    }

    /** Whether λ_U is derived from the class counts. */
    public boolean balanceUndesirable() {
        return undesirableWeight == 0;
    }

    /** Whether any source of unpaired examples besides the pairs is configured. */
    public boolean hasFiles() {
        return !unpairedFiles.isEmpty() || !ratingsFiles.isEmpty();
    }
}
