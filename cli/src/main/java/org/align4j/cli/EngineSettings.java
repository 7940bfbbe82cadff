package org.align4j.cli;

/** Process-wide settings applied before any DJL class loads: offline mode, no call-home. */
final class EngineSettings {
    private EngineSettings() {}

    static void setup() {
        // Nothing may be downloaded at run time: DJL must use the bundled CPU native library.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            // DJL probes for CUDA even with the CPU library and warns when no driver is present.
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        }
    }
}
