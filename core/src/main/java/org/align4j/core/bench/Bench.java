package org.align4j.core.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.precision.Precision;
import org.align4j.core.train.PeakMemory;

/**
 * {@code align bench}: in one process, the engine's gemm ceiling, a causal LM's training throughput and
 * MFU, and its generation throughput with and without the key/value cache, as one JSON object.
 * Optionally profiles one training step and one cached generation per op ({@link OpProfile}).
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOP_OPS = 15;

    private Bench() {}

    /**
     * Runs every measurement of {@code config}.
     *
     * @param profileDir where to write Chrome traces of a profiled training step and generation, or null
     * @param log progress lines (stderr in the CLI)
     */
    public static ObjectNode run(BenchConfig config, Path profileDir, PrintStream log) {
        return run(config, null, profileDir, log);
    }

    /**
     * As {@link #run(BenchConfig, Path, PrintStream)}, on the checkpoint in {@code modelDir} (its own shapes and
     * weights) instead of a random model of {@code config}'s shape, when {@code modelDir} is not null.
     */
    public static ObjectNode run(BenchConfig config, Path modelDir, Path profileDir, PrintStream log) {
        ObjectNode out = JSON.createObjectNode();
        Device device = Engine.getInstance().defaultDevice();
        Precision precision = Precision.resolve(config.precision(), device);
        DataType gemmType = precision.dataType();
        long gpuBefore = device.isGpu() ? CudaUtils.getGpuMemory(device).getUsed() : -1;
        log.printf("bench: on %s in %s; gemm %d×%d %s%n", device, precision.configName(), config.gemmSize(),
                config.gemmSize(), gemmType);
        double gemmBefore = GemmBenchmark.gflops(config.gemmSize(), 5, gemmType);
        double[] gemmBetween = {0};
        try (PretrainedModel model = modelDir != null ? HfCheckpoint.load(modelDir) : TrainStepBenchmark.model(config)) {
            CausalLanguageModel lm = model.causalLm();
            long params = FlopCount.parameters(lm);
            long flopParams = FlopCount.flopParameters(lm, model.config());
            log.printf("bench: train %s (%,d parameters), batch %d × seq %d, %d+%d steps%n",
                    modelDir != null ? modelDir : config.arch(), params, config.batch(), config.seq(),
                    config.warmupSteps(), config.trainSteps());
            // The ceiling is sampled before, between and after the steps, and the best sample counts: on a
            // machine shared with other work, a single sample may catch a busy moment.
            TrainStepBenchmark.Result train = TrainStepBenchmark.run(model, config.batch(), config.seq(),
                    config.warmupSteps(), config.trainSteps(), config.seed(), precision,
                    () -> gemmBetween[0] = Math.max(gemmBetween[0], GemmBenchmark.gflops(config.gemmSize(), 1, gemmType)));
            double gemmAfter = GemmBenchmark.gflops(config.gemmSize(), 5, gemmType);
            double gemm = Math.max(Math.max(gemmBefore, gemmAfter), gemmBetween[0]);
            double flopsPerStep = FlopCount.trainFlopsPerStep(flopParams, model.config(), config.batch(), config.seq());
            double mfu = flopsPerStep / train.secondsPerStep() / (gemm * 1e9);

            log.printf("bench: generate %d × %d new tokens with the cache%n", config.batch(), config.newTokens());
            GenerationBenchmark.Result cached = GenerationBenchmark.run(lm, config.batch(), config.promptLength(),
                    config.newTokens(), true, config.seed());
            log.printf("bench: generate %d × %d new tokens without the cache%n", config.batch(), config.newTokens());
            GenerationBenchmark.Result uncached = GenerationBenchmark.run(lm, config.batch(), config.promptLength(),
                    config.newTokens(), false, config.seed());

            out.put("device", device.toString());
            out.put("precision", precision.configName());
            out.put("gemm_gflops", round(gemm, 2));
            out.put("train_tokens_per_s", round(train.tokensPerSecond(), 1));
            out.put("train_mfu", round(mfu, 4));
            out.put("generate_tokens_per_s_cached", round(cached.tokensPerSecond(), 1));
            out.put("generate_tokens_per_s_uncached", round(uncached.tokensPerSecond(), 1));
            out.put("generate_cache_speedup", round(cached.tokensPerSecond() / uncached.tokensPerSecond(), 2));
            out.put("peak_rss_mib", round(PeakMemory.residentPeakBytes() / (double) (1 << 20), 1));
            if (device.isGpu()) {
                out.put("gpu_used_before_mib", round(gpuBefore / (double) (1 << 20), 1));
                out.put("gpu_used_peak_train_mib", round(train.gpuPeakBytes() / (double) (1 << 20), 1));
            }

            ObjectNode m = out.putObject("model");
            if (modelDir != null) {
                m.put("dir", modelDir.toAbsolutePath().toString());
                m.put("arch", model.config().modelType());
                m.put("vocab", lm.config().vocabSize());
            } else {
                m.put("arch", config.arch());
                m.put("d_model", config.dModel());
                m.put("layers", config.layers());
                m.put("heads", config.heads());
                if (!"gpt2".equals(config.arch())) {
                    m.put("kv_heads", config.kvHeads());
                }
                m.put("vocab", config.vocab());
            }
            m.put("parameters", params);
            m.put("flop_parameters", flopParams);

            ObjectNode t = out.putObject("train");
            t.put("batch", config.batch());
            t.put("seq", config.seq());
            t.put("warmup_steps", config.warmupSteps());
            t.put("timed_steps", train.steps());
            t.put("seconds_per_step", round(train.secondsPerStep(), 4));
            t.put("forward_seconds", round(train.forwardSeconds(), 4));
            t.put("backward_seconds", round(train.backwardSeconds(), 4));
            t.put("optimizer_seconds", round(train.optimizerSeconds(), 4));
            t.put("precision", train.precision().configName());
            t.put("skipped_steps", train.skippedSteps());
            t.put("flops_per_step", flopsPerStep);
            t.put("attention_flops_per_step", FlopCount.attentionFlopsPerStep(model.config(), config.batch(), config.seq()));
            t.put("first_loss", round(train.firstLoss(), 4));
            t.put("last_loss", round(train.lastLoss(), 4));

            ObjectNode g = out.putObject("generate");
            g.put("batch", cached.batch());
            g.put("prompt_length", cached.promptLength());
            g.put("new_tokens", cached.newTokens());
            g.put("decoding", "greedy, no EOS");
            g.put("cached_seconds", round(cached.seconds(), 3));
            g.put("uncached_seconds", round(uncached.seconds(), 3));

            ObjectNode gm = out.putObject("gemm");
            gm.put("n", config.gemmSize());
            gm.put("dtype", gemmType.toString());
            gm.put("gflops_before_train", round(gemmBefore, 2));
            gm.put("gflops_between_steps", round(gemmBetween[0], 2));
            gm.put("gflops_after_train", round(gemmAfter, 2));

            if (profileDir != null) {
                out.set("profile", profile(model, config, profileDir, log));
            }
        }
        ObjectNode env = out.putObject("engine");
        env.put("name", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        env.put("intra_op_threads", JniUtils.getNumThreads());
        env.put("inter_op_threads", JniUtils.getNumInteropThreads());
        env.put("available_processors", Runtime.getRuntime().availableProcessors());
        for (String var : new String[] {"OMP_WAIT_POLICY", "OMP_DYNAMIC", "MKL_DYNAMIC"}) {
            String v = System.getenv(var);
            env.put(var.toLowerCase(java.util.Locale.ROOT), v == null ? "unset" : v);
        }

        ObjectNode f = out.putObject("formulas");
        f.put("gemm", FlopCount.GEMM_FORMULA);
        f.put("train_flops", FlopCount.TRAIN_FORMULA);
        f.put("attention_flops", FlopCount.ATTENTION_FORMULA);
        f.put("flop_parameters", FlopCount.PARAMETERS_FORMULA);
        f.put("train_mfu", FlopCount.MFU_FORMULA);
        f.put("train_tokens_per_s", "B * T / mean wall time of a timed step (forward, loss, backward, AdamW, zero grad)");
        f.put("generate_cache_speedup", "generate_tokens_per_s_cached / generate_tokens_per_s_uncached");
        f.put("peak_rss_mib", "VmHWM of /proc/self/status (resident high-water mark, native tensors included)");
        f.put("timing", "every timed span ends with a device synchronisation (a one-value copy to the host), so on a "
                + "GPU the times are the device's, not the kernel launches'; gemm in the training precision");
        f.put("gpu_used_peak_train_mib", "largest cudaMemGetInfo total - free sampled at the end of forward, backward "
                + "and the optimizer step: PyTorch's reserved memory plus the CUDA context (nvidia-smi's figure); "
                + "gpu_used_before_mib is the same before the model was built");
        return out;
    }

    private static ObjectNode profile(PretrainedModel model, BenchConfig config, Path dir, PrintStream log) {
        ObjectNode p = JSON.createObjectNode();
        java.io.File d = dir.toFile();
        if (!d.isDirectory() && !d.mkdirs()) {
            throw new IllegalArgumentException("cannot create the profile directory " + dir);
        }
        log.println("bench: profiling one training step");
        Path trainTrace = dir.resolve("train-trace.json");
        OpProfile.start();
        TrainStepBenchmark.run(model, config.batch(), config.seq(), 0, 1, config.seed() + 1,
                Precision.resolve(config.precision(), model.manager().getDevice()), () -> { });
        OpProfile.stop(trainTrace);
        p.set("train_step", top(OpProfile.summarize(trainTrace)));
        log.println("bench: profiling one cached generation");
        Path genTrace = dir.resolve("generate-trace.json");
        OpProfile.start();
        GenerationBenchmark.run(model.causalLm(), config.batch(), config.promptLength(), config.newTokens(), true,
                config.seed());
        OpProfile.stop(genTrace);
        p.set("generate_cached", top(OpProfile.summarize(genTrace)));
        p.put("traces", dir.toAbsolutePath().toString());
        return p;
    }

    private static ObjectNode top(List<OpProfile.OpStat> stats) {
        ObjectNode o = JSON.createObjectNode();
        double total = stats.stream().mapToDouble(OpProfile.OpStat::selfMillis).sum();
        o.put("total_self_ms", round(total, 1));
        o.put("op_calls", stats.stream().mapToLong(OpProfile.OpStat::calls).sum());
        ArrayNode ops = o.putArray("top_ops");
        for (OpProfile.OpStat s : stats.subList(0, Math.min(TOP_OPS, stats.size()))) {
            ops.addObject().put("op", s.name()).put("calls", s.calls()).put("self_ms", round(s.selfMillis(), 2))
                    .put("share", round(s.selfMillis() / total, 3));
        }
        return o;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
