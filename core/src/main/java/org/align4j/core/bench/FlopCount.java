package org.align4j.core.bench;

import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.LlamaConfig;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.nn.EmbeddingTable;
import org.align4j.core.nn.Module;

/**
 * Training FLOPs of a decoder, as in Kaplan et al. 2020 and PaLM (Chowdhery et al. 2022, appendix B):
 * {@code 6·N} per token for the weight matmuls (forward 2N, backward 4N), plus the attention scores
 * and their weighted sum, which no parameter counts: {@code QKᵀ} and {@code P·V} cost {@code 2·T·d}
 * each per token and layer forward, so {@code 12·L·T·d} per token forward and backward, i.e.
 * {@code 12·B·T²·d·L} per step. The full T×T score matrix is counted because it is computed in full
 * (the causal half is masked, not skipped).
 */
public final class FlopCount {
    /** The formulas, as written into the bench JSON. */
    public static final String TRAIN_FORMULA = "train_flops_per_step = 6 * flop_parameters * B * T + attention_flops_per_step";
    public static final String ATTENTION_FORMULA = "attention_flops_per_step = 12 * layers * B * T^2 * d_attn "
            + "(QK^T and PV, 2*B*T^2*d_attn each forward, x3 for forward+backward, full TxT)";
    public static final String PARAMETERS_FORMULA = "flop_parameters = parameters - lookup-only embedding tables "
            + "(position embeddings; token embeddings unless tied to the output head)";
    public static final String MFU_FORMULA = "train_mfu = train_flops_per_step * steps_per_s / (gemm_gflops * 1e9)";
    public static final String GEMM_FORMULA = "gemm_gflops = 2 * n^3 / seconds per n x n float32 matMul (best of the timed runs)";

    private FlopCount() {}

    /** Every parameter element of {@code module}. */
    public static long parameters(Module module) {
        return module.parameterShapes().values().stream().mapToLong(s -> s.size()).sum();
    }

    /**
     * The parameters that take part in a matrix multiply: all of them but the embedding tables that are
     * only looked up; a token embedding tied to the output head counts once (as the head).
     */
    public static long flopParameters(Module module, ModelConfig config) {
        long lookups = 0;
        for (Module m : module.namedModules().values()) {
            if (m instanceof EmbeddingTable e) {
                lookups += e.size() * (long) config.hiddenSize();
            }
        }
        long tiedHead = tied(config) ? (long) config.vocabSize() * config.hiddenSize() : 0;
        return parameters(module) - lookups + tiedHead;
    }

    private static boolean tied(ModelConfig config) {
        if (config instanceof Gpt2Config) {
            return true;
        }
        return config instanceof LlamaConfig l && l.tieWordEmbeddings();
    }

    /** The width of the attention (heads × head size). */
    public static long attentionWidth(ModelConfig config) {
        if (config instanceof Gpt2Config g) {
            return (long) g.nHead() * g.headDim();
        }
        if (config instanceof LlamaConfig l) {
            return (long) l.numHeads() * l.headDim();
        }
        throw new IllegalArgumentException(config.modelType() + " is not a decoder");
    }

    /** {@code 12·L·B·T²·d_attn}. */
    public static double attentionFlopsPerStep(ModelConfig config, int batch, int seq) {
        return 12.0 * config.numLayers() * batch * (double) seq * seq * attentionWidth(config);
    }

    /** {@code 6·N·B·T} plus the attention FLOPs. */
    public static double trainFlopsPerStep(long flopParameters, ModelConfig config, int batch, int seq) {
        return 6.0 * flopParameters * batch * seq + attentionFlopsPerStep(config, batch, seq);
    }
}
