package org.align4j.dpo.loss;

import java.util.Optional;

/**
 * KTO's class-balance rule (Ethayarajh et al. 2024, §4; TRL's {@code KTOConfig} documentation): with
 * {@code n_D} desirable and {@code n_U} undesirable examples, the weights should make
 * {@code (λ_D n_D) / (λ_U n_U)} lie in {@code [1, 4/3]}.
 *
 * @param desirable n_D
 * @param undesirable n_U
 * @param desirableWeight λ_D
 * @param undesirableWeight λ_U
 */
public record KtoBalance(long desirable, long undesirable, double desirableWeight, double undesirableWeight) {
    /** The upper end of the recommended range. */
    public static final double MAX_RATIO = 4.0 / 3.0;

    public KtoBalance {
        if (desirable < 0 || undesirable < 0) {
            throw new IllegalArgumentException("example counts must be non-negative, got " + desirable + " desirable and "
                    + undesirable + " undesirable");
        }
    }

    /** {@code (λ_D n_D) / (λ_U n_U)}; infinite when there is no undesirable example. */
    public double ratio() {
        return desirableWeight * desirable / (undesirableWeight * undesirable);
    }

    public boolean balanced() {
        double r = ratio();
        return r >= 1.0 - 1e-9 && r <= MAX_RATIO + 1e-9;
    }

    /**
     * The undesirable weight that brings the ratio to 1 (the lower end of the range) with λ_D kept: what
     * {@code undesirable_weight: auto} resolves to.
     */
    public double balancingUndesirableWeight() {
        if (undesirable == 0 || desirable == 0) {
            throw new IllegalStateException(missingClassMessage());
        }
        return desirableWeight * desirable / undesirable;
    }

    /** A one-line warning for the run log when the weights are outside the range, with the fix. */
    public Optional<String> warning() {
        if (desirable == 0 || undesirable == 0) {
            return Optional.of(missingClassMessage());
        }
        if (balanced()) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT,
                "KTO class balance: desirable_weight × %d desirable / (undesirable_weight × %d undesirable) = %.3f is"
                        + " outside the recommended [1, 4/3]; set undesirable_weight to %.4g (or 'auto')",
                desirable, undesirable, ratio(), balancingUndesirableWeight()));
    }

    private String missingClassMessage() {
        return "KTO needs both desirable and undesirable examples; the data has " + desirable + " desirable and "
                + undesirable + " undesirable (rate some answers 👍 and some 👎, or use pairs with the sigmoid loss)";
    }
}
