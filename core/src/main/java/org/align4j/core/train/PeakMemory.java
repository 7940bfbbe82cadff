package org.align4j.core.train;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of the process: the resident-set high-water mark ({@code VmHWM} in
 * {@code /proc/self/status}, which includes native tensors on CPU), and on a GPU the largest device
 * memory use seen by {@link #sample}.
 */
public final class PeakMemory {
    private long gpuPeak = -1;
    private final Device device;

    public PeakMemory(Device device) {
        this.device = device;
    }

    /** Records the current GPU memory use (no-op on CPU); call once per step. */
    public void sample() {
        if (device.isGpu()) {
            MemoryUsage mu = CudaUtils.getGpuMemory(device);
            gpuPeak = Math.max(gpuPeak, mu.getUsed());
        }
    }

    /** The peak resident set size in bytes, or -1 where /proc is unavailable. */
    public static long residentPeakBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The largest GPU memory use sampled, or -1 on CPU. */
    public long gpuPeakBytes() {
        return gpuPeak;
    }

    /** "peak RSS 1.23 GiB" (plus the GPU peak on a GPU). */
    public String summary() {
        StringBuilder sb = new StringBuilder("peak memory: resident ").append(gib(residentPeakBytes()));
        if (gpuPeak >= 0) {
            sb.append(", GPU ").append(gib(gpuPeak));
        }
        return sb.toString();
    }

    static String gib(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        return bytes >= (1L << 30) ? String.format("%.2f GiB", bytes / (double) (1L << 30))
                : String.format("%.0f MiB", bytes / (double) (1L << 20));
    }
}
