package org.align4j.cli.model;

import java.util.Locale;
import org.align4j.core.io.TensorDType;
import picocli.CommandLine.Option;

/**
 * The {@code --dtype} of the commands that write a checkpoint ({@code align model convert}, {@code align lora
 * merge}): the float type its weights are saved in, f32, f16 or bf16 (also spelt float32, float16, bfloat16, in any
 * case). A picocli mixin; {@link #parse} is the rule.
 */
public final class WeightDtype {
    @Option(names = "--dtype", defaultValue = "f32", paramLabel = "TYPE",
            description = "float type the weights are saved in: f32, f16 or bf16 (default: ${DEFAULT-VALUE})")
    String name;

    /** The {@code --dtype} given, parsed by {@link #parse}. */
    public TensorDType type() {
        return parse(name);
    }

    /** The dtype {@code name} spells; else the error that names {@code --dtype} and the three it takes. */
    public static TensorDType parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "f32", "float32" -> TensorDType.F32;
            case "f16", "float16" -> TensorDType.F16;
            case "bf16", "bfloat16" -> TensorDType.BF16;
            default -> throw new IllegalArgumentException("--dtype '" + name + "' is not supported; use f32, f16 or bf16");
        };
    }
}
