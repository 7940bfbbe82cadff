package org.align4j.core.model;

import java.util.List;

/**
 * Ready-made sizes for models trained from scratch ({@code align model init}): {@code tiny} for tests
 * (trains in seconds), {@code small} for the demo (learns the bundled corpus in minutes on 2 CPU cores).
 * Dropout is off: at these sizes and step counts it slows learning more than it regularises.
 */
public final class ModelPresets {
    public static final List<String> ARCHS = List.of("gpt2", "llama", "qwen2", "bert");
    public static final List<String> SIZES = List.of("tiny", "small");

    private ModelPresets() {}

    /** The config of {@code arch} at {@code size} for a vocabulary of {@code vocab} tokens. */
    public static ModelConfig of(String arch, String size, int vocab) {
        if (!SIZES.contains(size)) {
            throw new IllegalArgumentException("preset '" + size + "' is unknown; use one of " + SIZES);
        }
        boolean tiny = "tiny".equals(size);
        int d = tiny ? 32 : 256;
        int layers = tiny ? 2 : 4;
        int heads = tiny ? 4 : 8;
        int positions = tiny ? 128 : 512;
        return switch (arch) {
            case "gpt2" -> Gpt2Config.of(vocab, positions, d, layers, heads);
            case "llama", "qwen2" -> new LlamaConfig(arch, vocab, d, tiny ? 64 : 688, layers, heads,
                    heads / 2, d / heads, positions, 1e-6, "qwen2".equals(arch) ? 1_000_000.0 : 10_000.0,
                    true, "qwen2".equals(arch), false, "silu", 0.0, 0.02);
            case "bert" -> new BertConfig(vocab, tiny ? 32 : 128, layers, tiny ? 4 : 4, tiny ? 64 : 512, "gelu",
                    0.0, 0.0, positions, 2, 1e-12, 0.02, 1, null);
            default -> throw new IllegalArgumentException("architecture '" + arch + "' is unknown; use one of " + ARCHS);
        };
    }
}
