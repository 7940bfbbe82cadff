package org.align4j.dpo.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The preference losses {@code dpo.loss} selects (see {@code DpoLosses}, {@code ReferenceFreeLosses}, {@code KtoLosses}). */
public enum LossType {
    /** DPO's logistic loss, with optional label smoothing (cDPO). */
    SIGMOID(true),
    /** Identity preference optimisation: squared distance of the log-ratio margin to 1/(2β). */
    IPO(true),
    /** SLiC's hinge on the log-ratio margin. */
    HINGE(true),
    /** SimPO: length-normalised log-probs with a target margin γ; no reference. */
    SIMPO(false),
    /** ORPO: NLL on the chosen answer plus an odds-ratio term; no reference. */
    ORPO(false),
    /** KTO: unpaired desirable/undesirable answers against the reference (see {@code KtoLosses}). */
    KTO(true);

    private final boolean needsReference;

    LossType(boolean needsReference) {
        this.needsReference = needsReference;
    }

    /** Whether the loss compares the policy with a reference model. */
    public boolean needsReference() {
        return needsReference;
    }

    /** The names accepted in configuration files. */
    public static List<String> names() {
        return Arrays.stream(values()).map(LossType::configName).toList();
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the loss trains on unpaired examples (KTO) rather than pairs. */
    public boolean unpaired() {
        return this == KTO;
    }

    /** The type named {@code name} (as validated by {@link DpoLossConfig}). */
    public static LossType parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
