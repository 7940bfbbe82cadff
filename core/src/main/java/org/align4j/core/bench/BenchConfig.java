package org.align4j.core.bench;

import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.model.ModelConfig;

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
 */
public record BenchConfig(String arch, int dModel, int layers, int heads, int kvHeads, int seq, int batch,
        int vocab, int newTokens, int promptLength, int warmupSteps, int trainSteps, int gemmSize, long seed) {

    public BenchConfig {
        if (!"gpt2".equals(arch) && !"llama".equals(arch)) {
            throw new IllegalArgumentException("arch: must be gpt2 or llama, got '" + arch + "'");
        }
        positive("d_model", dModel);
        positive("layers", layers);
        positive("heads", heads);
        positive("kv_heads", kvHeads);
        positive("seq", seq);
        positive("batch", batch);
        positive("vocab", vocab);
        positive("new_tokens", newTokens);
        positive("prompt_length", promptLength);
        positive("train_steps", trainSteps);
        positive("gemm_size", gemmSize);
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

    /** The reference size (gpt2, d 512, 6 layers, 8 heads, seq 256, batch 8, vocab 8192, 256 new tokens). */
    public static BenchConfig defaults() {
        return new BenchConfig("gpt2", 512, 6, 8, 4, 256, 8, 8192, 256, 32, 1, 3, 2048, 42);
    }

    /** A run of a few seconds for tests and smoke checks: every number measured, on a small model. */
    public static BenchConfig quick() {
        return new BenchConfig("gpt2", 64, 2, 4, 2, 32, 2, 256, 16, 8, 1, 2, 256, 42);
    }

    /** The model measured, dropout off. Its context fits both a training sequence and prompt + new tokens. */
    public ModelConfig modelConfig() {
        int positions = Math.max(seq, promptLength + newTokens);
        if ("gpt2".equals(arch)) {
            return Gpt2Config.of(vocab, positions, dModel, layers, heads);
        }
        int ffn = ((8 * dModel / 3) + 63) / 64 * 64; // SwiGLU width 8d/3 (as many parameters as a 4d MLP), to 64
        return new LlamaConfig("llama", vocab, dModel, ffn, layers, heads, kvHeads, dModel / heads, positions,
                1e-6, 10_000.0, true, false, false, "silu", 0.0, 0.02);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, got " + value);
        }
    }
}
