package org.align4j.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;
import java.lang.reflect.Field;
import java.util.List;

/**
 * The device align4j computes on ({@code --device} or {@code ALIGN_DEVICE}): {@code auto} (DJL's default: the
 * first GPU when the engine has CUDA and JNA finds a CUDA runtime, else the CPU), {@code cpu}, or {@code gpu},
 * which fails with a diagnosis instead of falling back to the CPU without a word, as DJL does.
 */
public final class ComputeDevice {
    /** The accepted choices. */
    public static final List<String> CHOICES = List.of("auto", "cpu", "gpu");

    private ComputeDevice() {}

    /**
     * Makes {@code choice} the engine's default device (every NDManager created without a device uses it).
     *
     * @return the device selected
     * @throws IllegalArgumentException for an unknown choice
     * @throws IllegalStateException when a GPU is asked for and the engine sees none
     */
    public static Device select(String choice) {
        return switch (choice) {
            case "auto" -> Engine.getInstance().defaultDevice();
            case "gpu" -> {
                Engine engine = Engine.getInstance();
                if (!engine.defaultDevice().isGpu()) {
                    throw new IllegalStateException("--device gpu: " + diagnosis(engine));
                }
                yield engine.defaultDevice();
            }
            case "cpu" -> {
                setDefault(Engine.getInstance(), Device.cpu());
                yield Device.cpu();
            }
            default -> throw new IllegalArgumentException("--device: must be one of " + CHOICES + ", got '" + choice
                    + "' (also settable as ALIGN_DEVICE)");
        };
    }

    /** Why the engine has no GPU, and what to do about it. */
    static String diagnosis(Engine engine) {
        boolean cudaBuild = engine.hasCapability(StandardCapabilities.CUDA);
        int gpus = CudaUtils.getGpuCount();
        String lib = System.getenv("PYTORCH_LIBRARY_PATH");
        StringBuilder sb = new StringBuilder("DJL sees no GPU (engine ").append(engine.getEngineName()).append(' ')
                .append(engine.getVersion()).append(", libtorch built with CUDA: ").append(cudaBuild)
                .append(", GPUs found by the CUDA runtime through JNA: ").append(gpus)
                .append(", PYTORCH_LIBRARY_PATH=").append(lib == null ? "unset" : lib).append("). ");
        if (!cudaBuild) {
            sb.append("The libtorch in use is a CPU build: point PYTORCH_LIBRARY_PATH at a CUDA libtorch (with"
                    + " PYTORCH_VERSION and PYTORCH_FLAVOR) and give DJL a JNI built for it (tools/gpu/README.md)");
        } else {
            sb.append("JNA found no usable CUDA runtime or driver: put libcudart's folder on -Djna.library.path"
                    + " (or LD_LIBRARY_PATH) and check nvidia-smi");
        }
        return sb.append("; or run with --device cpu").toString();
    }

    /** DJL 0.35.1 has no setter for the engine's default device (a private field, chosen once). */
    private static void setDefault(Engine engine, Device device) {
        try {
            Field f = Engine.class.getDeclaredField("defaultDevice");
            f.setAccessible(true);
            f.set(engine, device);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set DJL's default device to " + device + ": " + e, e);
        }
    }
}
