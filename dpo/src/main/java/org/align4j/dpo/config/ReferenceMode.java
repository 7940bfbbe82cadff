package org.align4j.dpo.config;

import java.util.Locale;

/** Where the reference log-probs {@code log πref(y|x)} of the DPO losses come from. */
public enum ReferenceMode {
    /** A frozen copy of the starting policy in memory, run without gradients on every batch. */
    MODEL,
    /**
     * Computed once, before training, with the starting policy, cached in the output directory; no
     * reference model is in memory while training.
     */
    PRECOMPUTED,
    /** None: reference-free losses (SimPO, ORPO). */
    NONE;

    /** The name used in configuration files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
