package org.align4j.core.io;

/** Element types of safetensors files that align4j reads; all are widened to float32 or int64 on load. */
public enum TensorDType {
    F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    TensorDType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /** Parses a safetensors dtype name, with an error that lists the supported ones. */
    public static TensorDType parse(String name, String where) {
        try {
            return TensorDType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": tensor dtype '" + name + "' is not supported (supported: "
                    + java.util.Arrays.toString(values()) + ")", e);
        }
    }
}
