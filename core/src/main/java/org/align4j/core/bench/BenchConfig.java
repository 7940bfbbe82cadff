package org.align4j.core.bench;

import java.util.List;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.precision.Precision;
import org.align4j.core.train.config.Checks;

/**
 * The sizes {@code align bench} measures at. The default model is the reference size: d_model
 * 512, 6 layers, 8 heads, sequences of 256 tokens in batches of 8, a vocabulary of 8192.
 *
 * @param arch gpt2 or llama (llama with {@code kvHeads} key/value heads and a SwiGLU of width 8d/3)
 * @param dModel hidden size
 * @param layers decoder layers
 * @param heads attention heads
 * @param kvHeads llama key/value heads (must divide heads); ignored for gpt2
 * @param seq training sequence length
 * @param batch training batch size, also the number of prompts generated at once
 * @param vocab vocabulary size
 * @param newTokens tokens generated per prompt
 * @param promptLength tokens per prompt
 * @param warmupSteps untimed training steps first (allocator, kernels and caches warm up)
 * @param trainSteps timed training steps
 * @param gemmSize the side of the square matrices of the gemm ceiling
 * @param seed seeds the weights, the tokens and the sampler
 * @param ffn llama/qwen2 MLP width; 0: 8d/3 rounded up to 64 (as many parameters as a 4d MLP)
 * @param precision fp32, fp16 or auto (fp16 on a GPU): the training step's and the gemm ceiling's precision
 */
public record BenchConfig(String arch, int dModel, int layers, int heads, int kvHeads, int seq, int batch,
        int vocab, int newTokens, int promptLength, int warmupSteps, int trainSteps, int gemmSize, long seed,
        int ffn, String precision) {

    /** Names of {@link #preset}: real model shapes with random weights. */
    public static final List<String> PRESETS = List.of("reference", "quick", "qwen2.5-0.5b", "qwen2.5-1.5b");

    public BenchConfig {
        if (!"gpt2".equals(arch) && !"llama".equals(arch) && !"qwen2".equals(arch)) {
            throw new IllegalArgumentException("arch: must be gpt2, llama or qwen2, got '" + arch + "'");
        }
        if (ffn < 0) {
            throw new IllegalArgumentException("ffn: must be >= 0 (0: 8d/3), got " + ffn);
        }
        Precision.resolve(precision, ai.djl.Device.cpu()); // refuses bf16 and unknown names
        Checks.positive("d_model", dModel);
        Checks.positive("layers", layers);
        Checks.positive("heads", heads);
        Checks.positive("kv_heads", kvHeads);
        Checks.positive("seq", seq);
        Checks.positive("batch", batch);
        Checks.positive("vocab", vocab);
        Checks.positive("new_tokens", newTokens);
        Checks.positive("prompt_length", promptLength);
        Checks.positive("train_steps", trainSteps);
        Checks.positive("gemm_size", gemmSize);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup_steps: must be >= 0, got " + warmupSteps);
        }
        if (dModel % heads != 0 || (dModel / heads) % 2 != 0) {
            throw new IllegalArgumentException("heads: " + heads + " must divide d_model=" + dModel
                    + " into an even head size");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("kv_heads: " + kvHeads + " must divide heads=" + heads);
        }
    }

    /** The reference size (gpt2, d 512, 6 layers, 8 heads, seq 256, batch 8, vocab 8192, 256 new tokens; gemm 3072²). */
    public static BenchConfig defaults() {
        return new BenchConfig("gpt2", 512, 6, 8, 4, 256, 8, 8192, 256, 32, 1, 3, 3072, 42, 0, "auto");
    }

    /** A run of a few seconds for tests and smoke checks: every number measured, on a small model. */
    public static BenchConfig quick() {
        return new BenchConfig("gpt2", 64, 2, 4, 2, 32, 2, 256, 16, 8, 1, 2, 256, 42, 0, "auto");
    }

    /**
     * A named size: {@code reference} ({@link #defaults}), {@code quick}, or the shapes of Qwen2.5-0.5B and
     * Qwen2.5-1.5B (vocabulary 151,936, tied embeddings, q/k/v biases, θ = 10⁶) at batch 8 × 512 tokens, the
     * peer's training shape; 8 prompts × 256 new tokens; gemm 8192².
     */
    public static BenchConfig preset(String name) {
        return switch (name) {
            case "reference" -> defaults();
            case "quick" -> quick();
            case "qwen2.5-0.5b" -> new BenchConfig("qwen2", 896, 24, 14, 2, 512, 8, 151_936, 256, 32, 2, 5, 8192, 42,
                    4864, "auto");
            case "qwen2.5-1.5b" -> new BenchConfig("qwen2", 1536, 28, 12, 2, 512, 8, 151_936, 256, 32, 2, 5, 8192, 42,
                    8960, "auto");
            default -> throw new IllegalArgumentException("--preset: '" + name + "' is unknown; use one of " + PRESETS);
        };
    }

    /** The model measured, dropout off. Its context fits both a training sequence and prompt + new tokens. */
    public ModelConfig modelConfig() {
        int positions = Math.max(seq, promptLength + newTokens);
        if ("gpt2".equals(arch)) {
            return Gpt2Config.of(vocab, positions, dModel, layers, heads);
        }
        int width = ffn > 0 ? ffn : ((8 * dModel / 3) + 63) / 64 * 64; // SwiGLU width 8d/3 (a 4d MLP's parameters), to 64
        boolean qwen = "qwen2".equals(arch);
        return new LlamaConfig(arch, vocab, dModel, width, layers, heads, kvHeads, dModel / heads, positions,
                1e-6, qwen ? 1_000_000.0 : 10_000.0, true, qwen, false, "silu", 0.0, 0.02);
    }
}
