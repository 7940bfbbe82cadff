package org.align4j.core.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Waits until a device has finished the work queued on it. On a GPU, ops return as soon as their kernels are
 * queued: a timing without this measures the launch. Copying one value to the host is ordered after every
 * kernel queued before it on the stream (DJL's PyTorch engine uses the default stream), so it returns when
 * they are done. On the CPU, where ops run synchronously, it costs a few microseconds.
 */
public final class DeviceSync {
    private DeviceSync() {}

    /** Blocks until everything queued on {@code device} so far has run. */
    public static void await(Device device) {
        if (!device.isGpu()) {
            return;
        }
        try (NDManager m = NDManager.newBaseManager(device)) {
            m.zeros(new Shape(1)).toFloatArray();
        }
    }
}
