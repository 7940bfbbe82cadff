package org.align4j.core.lora;

import java.util.ArrayList;
import java.util.List;
import org.align4j.core.train.config.Checks;

/**
 * LoRA settings (Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language Models"), with PEFT's
 * meanings: each targeted linear layer {@code W} gets {@code W x + (alpha/r) · B A dropout(x)}, A of
 * shape (r, in) and B of shape (out, r), B starting at zero.
 *
 * @param r the rank
 * @param alpha the scale numerator: updates are scaled by {@code alpha / r}
 * @param dropout dropout on the adapter's input during training
 * @param targetModules layers to adapt, matched against module paths as PEFT does (a name equal to the
 *     path or ending it after a dot: {@code q_proj}, {@code c_attn}, {@code attn.c_proj}), or
 *     {@code all-linear} for every linear layer except the output head; a comma-separated string is split
 */
public record LoraConfig(int r, double alpha, double dropout, List<String> targetModules) {
    /** The target that selects every linear layer except the output head. */
    public static final String ALL_LINEAR = "all-linear";

    public LoraConfig {
        Checks.positive("r", r);
        Checks.positive("alpha", alpha);
        Checks.fraction("dropout", dropout);
        List<String> split = new ArrayList<>();
        if (targetModules != null) {
            for (String t : targetModules) {
                for (String part : t.split(",")) {
                    if (!part.isBlank()) {
                        split.add(part.trim());
                    }
                }
            }
        }
        if (split.isEmpty()) {
            throw new IllegalArgumentException("target_modules: must name at least one layer (e.g. [q_proj, v_proj], "
                    + "c_attn, or all-linear)");
        }
        if (split.contains(ALL_LINEAR) && split.size() > 1) {
            throw new IllegalArgumentException("target_modules: all-linear already selects every linear layer; "
                    + "do not combine it with " + split);
        }
        targetModules = List.copyOf(split);
    }

    /** r 8, alpha 16, dropout 0.05 on every linear layer (QLoRA's finding: all layers beat attention only). */
    public static LoraConfig defaults() {
        return new LoraConfig(8, 16, 0.05, List.of(ALL_LINEAR));
    }

    /** The factor applied to {@code B A x}: {@code alpha / r}. */
    public double scale() {
        return alpha / r;
    }
}
