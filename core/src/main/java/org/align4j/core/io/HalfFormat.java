package org.align4j.core.io;

import java.nio.ByteBuffer;

/**
 * The two 16-bit float formats a safetensors file may hold, which the PyTorch engine cannot create: each
 * converts to and from float32, and reads or writes a tensor's worth of values at a buffer's position.
 */
enum HalfFormat {
    /** IEEE 754 binary16. */
    F16 {
        @Override
        float toFloat(short bits) {
            return HalfFloat.toFloat(bits);
        }

        @Override
        short fromFloat(float f) {
            return HalfFloat.fromFloat(f);
        }
    },
    /** bfloat16: the upper 16 bits of a float32. */
    BF16 {
        @Override
        float toFloat(short bits) {
            return Float.intBitsToFloat((bits & 0xFFFF) << 16);
        }

        /** Round-to-nearest-even (NaN stays NaN). */
        @Override
        short fromFloat(float f) {
            int bits = Float.floatToRawIntBits(f);
            if (Float.isNaN(f)) {
                return (short) ((bits >>> 16) | 0x40);
            }
            int rounding = 0x7FFF + ((bits >>> 16) & 1);
            return (short) ((bits + rounding) >>> 16);
        }
    };

    abstract float toFloat(short bits);

    abstract short fromFloat(float f);

    /** The format of a 16-bit float dtype. */
    static HalfFormat of(TensorDType dtype) {
        return switch (dtype) {
            case F16 -> F16;
            case BF16 -> BF16;
            default -> throw new IllegalArgumentException(dtype + " is not a 16-bit float type");
        };
    }

    /** The next {@code n} values of {@code buf}, widened to float32. */
    float[] read(ByteBuffer buf, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = toFloat(buf.getShort());
        }
        return f;
    }

    /** Puts {@code values} into {@code buf} in this format. */
    void write(float[] values, ByteBuffer buf) {
        for (float f : values) {
            buf.putShort(fromFloat(f));
        }
    }
}
