package org.align4j.core.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The engine's dense matrix-multiply throughput in a data type: the ceiling that MFU divides by. Two n×n
 * matrices are multiplied after a warm-up; each timed run ends when the device has finished it
 * ({@link DeviceSync}); the best run counts ({@code 2n³} FLOPs each).
 */
public final class GemmBenchmark {
    private GemmBenchmark() {}

    /** GFLOP/s of an n×n by n×n float32 matMul, best of {@code runs} after one warm-up run. */
    public static double gflops(int n, int runs) {
        return gflops(n, runs, DataType.FLOAT32);
    }

    /** GFLOP/s of an n×n by n×n matMul in {@code type} on the default device, best of {@code runs}, synchronised. */
    public static double gflops(int n, int runs, DataType type) {
        try (NDManager m = NDManager.newBaseManager()) {
            Device device = m.getDevice();
            NDArray a = m.randomNormal(0, 1, new Shape(n, n), DataType.FLOAT32).toType(type, false);
            NDArray b = m.randomNormal(0, 1, new Shape(n, n), DataType.FLOAT32).toType(type, false);
            a.matMul(b).close(); // warm-up: thread pool, packing buffers, kernel selection
            DeviceSync.await(device);
            double best = Double.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                DeviceSync.await(device);
                double s = (System.nanoTime() - t0) / 1e9;
                c.close();
                best = Math.min(best, s);
            }
            return 2.0 * n * (double) n * n / best / 1e9;
        }
    }
}
