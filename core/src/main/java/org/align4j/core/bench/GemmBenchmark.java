package org.align4j.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The engine's dense float32 matrix-multiply throughput: the ceiling that MFU divides by. Two n×n
 * matrices are multiplied after a warm-up; the best of the timed runs counts ({@code 2n³} FLOPs each).
 */
public final class GemmBenchmark {
    private GemmBenchmark() {}

    /** GFLOP/s of an n×n by n×n float32 matMul, best of {@code runs} after one warm-up run. */
    public static double gflops(int n, int runs) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(0, 1, new Shape(n, n), DataType.FLOAT32);
            NDArray b = m.randomNormal(0, 1, new Shape(n, n), DataType.FLOAT32);
            a.matMul(b).close(); // warm-up: thread pool, packing buffers
            double best = Double.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                double s = (System.nanoTime() - t0) / 1e9;
                c.close();
                best = Math.min(best, s);
            }
            return 2.0 * n * (double) n * n / best / 1e9;
        }
    }
}
