package org.align4j.core.io;

import java.nio.file.Path;

/** Where one tensor lies in a safetensors file: its dtype, shape and byte range in the data section. */
public record TensorInfo(Path file, String name, TensorDType dtype, long[] shape, long begin, long end) {
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
