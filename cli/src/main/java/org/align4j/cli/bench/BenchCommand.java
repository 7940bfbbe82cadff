package org.align4j.cli.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.align4j.cli.CountOptions;
import org.align4j.cli.io.JsonResultOption;
import org.align4j.core.bench.Bench;
import org.align4j.core.bench.BenchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code align bench}: the engine's gemm ceiling, a causal LM's training throughput and MFU, and its
 * generation throughput with and without the KV cache, measured in one process and printed as one
 * JSON object. Options left out take the reference size (or {@code --quick}'s small one).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {org.align4j.cli.feedback.FeedbackBenchCommand.class, RlBenchCommand.class},
        description = "Measure gemm GFLOP/s, training tokens/s and MFU, cached vs uncached generation; JSON out.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "a small model and short runs (seconds), for smoke checks")
    boolean quick;

    @Option(names = "--preset", description = "a named size: reference (the default), quick, qwen2.5-0.5b, "
            + "qwen2.5-1.5b (those shapes, random weights, batch 8 × 512); other options override its values")
    String preset;

    @Option(names = "--model", description = "bench this checkpoint (a causal LM directory in HF layout) instead "
            + "of a random model; --batch and --seq still set the training shape")
    Path model;

    @Option(names = "--precision", description = "fp32, fp16 or auto (default: auto = fp16 on a GPU, fp32 on the "
            + "CPU): the training step's and the gemm ceiling's precision")
    String precision;

    @Option(names = "--arch", description = "gpt2, llama or qwen2 (default: gpt2)")
    String arch;

    @Option(names = "--d-model", description = "hidden size (default: 512)")
    Integer dModel;

    @Option(names = "--layers", description = "decoder layers (default: 6)")
    Integer layers;

    @Option(names = "--heads", description = "attention heads (default: 8)")
    Integer heads;

    @Option(names = "--kv-heads", description = "llama key/value heads (default: 4)")
    Integer kvHeads;

    @Option(names = "--seq", description = "training sequence length (default: 256)")
    Integer seq;

    @Option(names = "--batch", description = "training batch and generation batch (default: 8)")
    Integer batch;

    @Option(names = "--vocab", description = "vocabulary size (default: 8192)")
    Integer vocab;

    @Option(names = "--new-tokens", description = "tokens generated per prompt (default: 256)")
    Integer newTokens;

    @Option(names = "--prompt-length", description = "tokens per prompt (default: 32)")
    Integer promptLength;

    @Option(names = "--warmup-steps", description = "untimed training steps (default: 1)")
    Integer warmupSteps;

    @Option(names = "--steps", description = "timed training steps (default: 3)")
    Integer steps;

    @Option(names = "--gemm-size", description = "side of the square gemm matrices (default: 3072)")
    Integer gemmSize;

    @Option(names = "--seed", description = "weights, tokens and prompts seed (default: 42)")
    Long seed;

    @Option(names = "--threads", description = "intra-op threads of the engine (default: the engine's, "
            + "or -Dai.djl.pytorch.num_threads)")
    Integer threads;

    @Option(names = "--profile", description = "also profile one training step and one cached generation per op; "
            + "Chrome traces are written to this directory and the top ops added to the JSON")
    Path profile;

    @Mixin JsonResultOption out;

    @Override
    public Integer call() throws Exception {
        if (quick && preset != null) {
            throw new IllegalArgumentException("--quick and --preset: give one of them (--quick is --preset quick)");
        }
        BenchConfig base = BenchConfig.preset(quick ? "quick" : preset != null ? preset : "reference");
        BenchConfig config = new BenchConfig(or(arch, base.arch()), or(dModel, base.dModel()), or(layers, base.layers()),
                or(heads, base.heads()), or(kvHeads, base.kvHeads()), or(seq, base.seq()), or(batch, base.batch()),
                or(vocab, base.vocab()), or(newTokens, base.newTokens()), or(promptLength, base.promptLength()),
                or(warmupSteps, base.warmupSteps()), or(steps, base.trainSteps()), or(gemmSize, base.gemmSize()),
                or(seed, base.seed()), base.ffn(), or(precision, base.precision()));
        if (threads != null) {
            JniUtils.setNumThreads(CountOptions.atLeastOne("--threads", threads));
        }
        if (model != null && !java.nio.file.Files.isRegularFile(model.resolve("config.json"))) {
            throw new IllegalArgumentException("--model " + model + ": no config.json there; give a model directory in"
                    + " Hugging Face layout");
        }
        ObjectNode result = Bench.run(config, model, profile, System.err);
        out.print(result, System.out::println);
        return 0;
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
