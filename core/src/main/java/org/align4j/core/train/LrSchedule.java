package org.align4j.core.train;

import java.util.Arrays;
import java.util.Locale;

/**
 * The learning rate of every optimizer step, as a pure function of the step: a linear warmup from
 * {@code peak/warmup} to {@code peak} over the first {@code warmupSteps} steps, then constant, linear
 * or cosine (Loshchilov &amp; Hutter 2017, without restarts) decay to {@code minLrRatio · peak} at
 * {@code totalSteps}.
 *
 * @param kind the shape after warmup
 * @param peakLr the learning rate reached at the end of warmup
 * @param warmupSteps steps of linear warmup; step 0 already trains, at {@code peak/warmupSteps}
 * @param totalSteps the number of optimizer steps of the run
 * @param minLrRatio the final learning rate as a fraction of the peak
 */
public record LrSchedule(Kind kind, double peakLr, int warmupSteps, int totalSteps, double minLrRatio) {
    /** The decay after warmup. */
    public enum Kind {
        CONSTANT, LINEAR, COSINE;

        /** The kind named {@code name} (case-insensitive), or an error listing the allowed names. */
        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("'" + name + "' is not a schedule; use one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }

    public LrSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("schedule: must be set");
        }
        if (!(peakLr > 0) || !Double.isFinite(peakLr)) {
            throw new IllegalArgumentException("lr: must be a positive number, got " + peakLr);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("total steps: must be at least 1, got " + totalSteps);
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warmup_steps: must be in [0, " + totalSteps + "] (the run's steps), got "
                    + warmupSteps);
        }
        if (!(minLrRatio >= 0 && minLrRatio <= 1)) {
            throw new IllegalArgumentException("min_lr_ratio: must be in [0, 1], got " + minLrRatio);
        }
    }

    /** The learning rate of optimizer step {@code step} (0-based). */
    public double at(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (step < warmupSteps) {
            return peakLr * (step + 1) / warmupSteps;
        }
        double min = peakLr * minLrRatio;
        int decaySteps = totalSteps - warmupSteps;
        double progress = decaySteps == 0 ? 1.0 : Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return switch (kind) {
            case CONSTANT -> peakLr;
            case LINEAR -> min + (peakLr - min) * (1.0 - progress);
            case COSINE -> min + (peakLr - min) * 0.5 * (1.0 + Math.cos(Math.PI * progress));
        };
    }
}
