package org.align4j.core.precision;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Locale;

/**
 * The precision a stage computes in ({@code train.precision}). {@link #FP32} everywhere; {@link #FP16}:
 * half-precision weights and activations with float32 master weights, float32 optimizer state, float32
 * log-softmax and losses, and dynamic loss scaling ({@link TrainingPrecision}). BF16 is refused: the DJL
 * 0.35.1 PyTorch JNI maps no bfloat16 dtype (creating one aborts the JVM).
 */
public enum Precision {
    FP32(DataType.FLOAT32),
    FP16(DataType.FLOAT16);

    /** The names accepted in configs and on the command line. */
    public static final List<String> NAMES = List.of("auto", "fp32", "fp16", "bf16");

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The data type weights and activations are held in. */
    public DataType dataType() {
        return dataType;
    }

    /** {@code fp32} or {@code fp16}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision {@code name} means on {@code device}: {@code auto} is fp16 on a GPU (the fastest the
     * engine holds: fp16 tensor cores) and fp32 on the CPU; fp16 on the CPU is allowed (slow; for tests).
     *
     * @throws IllegalArgumentException for bf16 or an unknown name, naming the field
     */
    public static Precision resolve(String name, Device device) {
        return switch (name) {
            case "auto" -> device.isGpu() ? FP16 : FP32;
            case "fp32" -> FP32;
            case "fp16" -> FP16;
            case "bf16" -> throw new IllegalArgumentException("precision: bf16 cannot run on the DJL 0.35.1 PyTorch "
                    + "engine (its JNI maps no bfloat16: creating such a tensor aborts the JVM); use fp16 (same speed "
                    + "on tensor cores, with loss scaling) or auto");
            default -> throw new IllegalArgumentException("precision: must be one of " + NAMES + ", got '" + name + "'");
        };
    }
}
