package org.align4j.core.bench;

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
import org.align4j.core.train.AdamW;
import org.align4j.core.train.ParameterGroups;

/**
 * Times full training steps of a causal LM on random tokens: forward, mean next-token cross-entropy,
 * backward, then {@link AdamW} (align4j's optimizer, as the trainers use it) and zeroing the gradients.
 * Each phase is timed separately; the PyTorch CPU engine runs ops synchronously, so wall-clock time
 * between calls is the time of the ops issued.
 */
public final class TrainStepBenchmark {
    /**
     * @param steps timed steps
     * @param secondsPerStep mean wall time of a timed step
     * @param forwardSeconds mean time of forward + loss per step
     * @param backwardSeconds mean time of backward per step
     * @param optimizerSeconds mean time of the AdamW update and zeroing per step
     * @param tokensPerSecond B·T / secondsPerStep
     * @param firstLoss the loss of the first step (warm-up included)
     * @param lastLoss the loss of the last step
     */
    public record Result(int steps, double secondsPerStep, double forwardSeconds, double backwardSeconds,
            double optimizerSeconds, double tokensPerSecond, double firstLoss, double lastLoss) {}

    private TrainStepBenchmark() {}

    /** Runs {@code warmup} untimed then {@code steps} timed steps on {@code model}, batch B × seq T. */
    public static Result run(PretrainedModel model, int batch, int seq, int warmup, int steps, long seed) {
        CausalLanguageModel lm = model.causalLm();
        SplittableRandom random = new SplittableRandom(seed);
        int vocab = lm.config().vocabSize();
        double fwd = 0;
        double bwd = 0;
        double opt = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        try (AdamW adamW = new AdamW(ParameterGroups.of(lm), new AdamW.Hyper(0.9, 0.95, 1e-8, 0.1))) {
            for (int i = 0; i < warmup + steps; i++) {
                long[] tokens = random.longs((long) batch * (seq + 1), 0, vocab).toArray();
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
                    t1 = System.nanoTime();
                    gc.backward(lossArray);
                    t2 = System.nanoTime();
                    loss = lossArray.getFloat();
                }
                adamW.step(1e-4);
                adamW.zeroGrad();
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
            }
        }
        double perStep = (fwd + bwd + opt) / steps;
        return new Result(steps, perStep, fwd / steps, bwd / steps, opt / steps, batch * (double) seq / perStep,
                firstLoss, lastLoss);
    }

    /** A freshly initialised model of the bench size, weights drawn from {@code seed}. */
    public static PretrainedModel model(BenchConfig config) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        return org.align4j.core.io.HfCheckpoint.initialize(config.modelConfig(), null);
    }
}
