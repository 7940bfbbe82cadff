package org.align4j.core.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.Scalars;
import org.align4j.core.precision.Precision;
import org.align4j.core.precision.TrainingPrecision;
import org.align4j.core.train.AdamW;
import org.align4j.core.train.ParameterGroups;
import org.align4j.core.train.PeakMemory;

/**
 * Times full training steps of a causal LM on random tokens: forward, mean next-token cross-entropy,
 * backward, then the optimizer step as the trainers take it ({@link TrainingPrecision}: fused AdamW, in
 * fp16 with float32 masters and loss scaling) and zeroing the gradients. Each phase ends with
 * {@link DeviceSync#await}, so on a GPU the split is the device's time, not the launch time; the device's
 * memory use is sampled at each phase end.
 */
public final class TrainStepBenchmark {
    /**
     * @param steps timed steps
     * @param secondsPerStep mean wall time of a timed step
     * @param forwardSeconds mean time of forward + loss per step
     * @param backwardSeconds mean time of backward per step
     * @param optimizerSeconds mean time of the optimizer step (clipping, AdamW, zeroing) per step
     * @param tokensPerSecond B·T / secondsPerStep
     * @param firstLoss the loss of the first step (warm-up included)
     * @param lastLoss the loss of the last step
     * @param precision the precision the steps ran in
     * @param skippedSteps fp16 steps skipped for overflow
     * @param gpuPeakBytes the largest device memory use sampled (cudaMemGetInfo: PyTorch's reserved memory plus
     *     the CUDA context), -1 on the CPU
     */
    public record Result(int steps, double secondsPerStep, double forwardSeconds, double backwardSeconds,
            double optimizerSeconds, double tokensPerSecond, double firstLoss, double lastLoss, Precision precision,
            long skippedSteps, long gpuPeakBytes) {}

    private TrainStepBenchmark() {}

    /** Runs {@code warmup} untimed then {@code steps} timed steps on {@code model}, batch B × seq T, in fp32. */
    public static Result run(PretrainedModel model, int batch, int seq, int warmup, int steps, long seed) {
        return run(model, batch, seq, warmup, steps, seed, Precision.FP32, () -> { });
    }

    /**
     * As {@link #run(PretrainedModel, int, int, int, int, long)} in {@code precision} (fp16 converts the model's
     * weights to fp16 for good), calling {@code betweenSteps} (untimed) after every step, e.g. to sample the
     * gemm ceiling while the machine is in the same state.
     */
    public static Result run(PretrainedModel model, int batch, int seq, int warmup, int steps, long seed,
            Precision precision, Runnable betweenSteps) {
        CausalLanguageModel lm = model.causalLm();
        SplittableRandom random = new SplittableRandom(seed);
        int vocab = lm.config().vocabSize();
        double fwd = 0;
        double bwd = 0;
        double opt = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        Device device = model.manager().getDevice();
        PeakMemory memory = new PeakMemory(device);
        long skipped;
        try (TrainingPrecision optimizer = TrainingPrecision.create(precision, ParameterGroups.of(lm),
                lm.namedParameters().values(), new AdamW.Hyper(0.9, 0.95, 1e-8, 0.1))) {
            for (int i = 0; i < warmup + steps; i++) {
                long[] tokens = random.longs((long) batch * (seq + 1), 0, vocab).toArray();
                DeviceSync.await(device);
                long t0 = System.nanoTime();
                long t1;
                long t2;
                double loss;
                try (NDManager step = NDManager.newBaseManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray ids = step.create(tokens, new Shape(batch, seq + 1)); // (B, T+1)
                    NDArray inputs = ids.get(new NDIndex(":, :-1")); // (B, T)
                    NDArray targets = ids.get(new NDIndex(":, 1:")); // (B, T)
                    NDArray logits = lm.forward(inputs, true); // (B, T, V)
                    NDArray lossArray = TokenLogProbs.gather(logits, targets).mean().neg();
                    DeviceSync.await(device);
                    memory.sample();
                    t1 = System.nanoTime();
                    double scale = optimizer.lossScale();
                    gc.backward(scale == 1.0 ? lossArray : Scalars.mul(lossArray, (float) scale));
                    DeviceSync.await(device);
                    memory.sample();
                    t2 = System.nanoTime();
                    loss = lossArray.getFloat();
                }
                optimizer.step(1e-4, 1.0, i + 1);
                DeviceSync.await(device);
                memory.sample();
                long t3 = System.nanoTime();
                if (i == 0) {
                    firstLoss = loss;
                }
                lastLoss = loss;
                if (i >= warmup) {
                    fwd += (t1 - t0) / 1e9;
                    bwd += (t2 - t1) / 1e9;
                    opt += (t3 - t2) / 1e9;
                }
                betweenSteps.run();
            }
            skipped = optimizer.skippedSteps();
        }
        double perStep = (fwd + bwd + opt) / steps;
        return new Result(steps, perStep, fwd / steps, bwd / steps, opt / steps, batch * (double) seq / perStep,
                firstLoss, lastLoss, precision, skipped, memory.gpuPeakBytes());
    }

    /** A freshly initialised model of the bench size, weights drawn from {@code seed}. */
    public static PretrainedModel model(BenchConfig config) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        return org.align4j.core.io.HfCheckpoint.initialize(config.modelConfig(), null);
    }
}
