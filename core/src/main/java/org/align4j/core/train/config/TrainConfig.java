package org.align4j.core.train.config;

import ai.djl.Device;
import java.util.List;
import org.align4j.core.precision.Precision;
import org.align4j.core.train.AdamW;
import org.align4j.core.train.LrSchedule;

/**
 * The {@code train:} section every stage shares (SFT, reward model, DPO; PPO uses the optimizer part).
 * Defaults follow Hugging Face's Trainer unless noted.
 *
 * @param outputDir where checkpoints, metrics and the final model go
 * @param seed seeds data order, initialisation and dropout (dropout is reseeded with seed + step)
 * @param lr peak learning rate
 * @param schedule constant, linear or cosine decay after warmup (cosine: LLaMA-Factory's default)
 * @param warmupSteps steps of linear warmup (exclusive with warmup_ratio)
 * @param warmupRatio warmup as a fraction of the run's steps
 * @param minLrRatio final learning rate as a fraction of lr (0: decay to zero)
 * @param epochs passes over the training data (ignored when max_steps > 0)
 * @param maxSteps optimizer steps of the run; -1: derived from epochs
 * @param batchSize examples per micro-batch
 * @param gradAccum micro-batches per optimizer step (effective batch = batch_size × grad_accum)
 * @param maxGradNorm global-norm clipping threshold; 0 turns clipping off
 * @param weightDecay decoupled weight decay (AdamW); not applied to biases, norms and embeddings
 * @param adamBeta1 AdamW β1
 * @param adamBeta2 AdamW β2
 * @param adamEps AdamW ε
 * @param logEvery steps between metric lines
 * @param evalEvery steps between evaluations; 0: evaluate at the end only
 * @param saveEvery steps between checkpoints; 0: checkpoint at the end only
 * @param saveTotalLimit checkpoints kept (oldest deleted first); 0 keeps all
 * @param earlyStoppingPatience evaluations without a lower eval loss before stopping; 0 turns it off
 * @param resume continue from the latest checkpoint in output_dir
 * @param overwriteOutputDir allow starting a new run in an output_dir that holds checkpoints
 * @param precision fp32, fp16 (fp16 weights and activations, fp32 masters, optimizer state and losses, dynamic
 *     loss scaling) or auto (fp16 on a GPU, fp32 on the CPU); bf16 is refused (see {@link Precision#resolve})
 */
public record TrainConfig(
        String outputDir,
        long seed,
        double lr,
        String schedule,
        int warmupSteps,
        double warmupRatio,
        double minLrRatio,
        int epochs,
        int maxSteps,
        int batchSize,
        int gradAccum,
        double maxGradNorm,
        double weightDecay,
        double adamBeta1,
        double adamBeta2,
        double adamEps,
        int logEvery,
        int evalEvery,
        int saveEvery,
        int saveTotalLimit,
        int earlyStoppingPatience,
        boolean resume,
        boolean overwriteOutputDir,
        String precision) {

    /** Accepted precisions (see {@link #precisionOn}). */
    public static final List<String> PRECISIONS = Precision.NAMES;

    public TrainConfig {
        Checks.notBlank("output_dir", outputDir);
        Checks.positive("lr", lr);
        Checks.oneOf("schedule", schedule, List.of("constant", "linear", "cosine"));
        Checks.atLeast("warmup_steps", warmupSteps, 0);
        Checks.inRange("warmup_ratio", warmupRatio, 0, 1);
        if (warmupSteps > 0 && warmupRatio > 0) {
            throw new IllegalArgumentException("warmup_steps: set either warmup_steps or warmup_ratio, not both (got "
                    + warmupSteps + " and " + warmupRatio + ")");
        }
        Checks.inRange("min_lr_ratio", minLrRatio, 0, 1);
        Checks.atLeast("epochs", epochs, 1);
        if (maxSteps == 0 || maxSteps < -1) {
            throw new IllegalArgumentException("max_steps: must be -1 (use epochs) or > 0, got " + maxSteps);
        }
        Checks.positive("batch_size", batchSize);
        Checks.positive("grad_accum", gradAccum);
        Checks.nonNegative("max_grad_norm", maxGradNorm);
        new AdamW.Hyper(adamBeta1, adamBeta2, adamEps, weightDecay); // validates and names the field
        Checks.positive("log_every", logEvery);
        Checks.atLeast("eval_every", evalEvery, 0);
        Checks.atLeast("save_every", saveEvery, 0);
        Checks.atLeast("save_total_limit", saveTotalLimit, 0);
        Checks.atLeast("early_stopping_patience", earlyStoppingPatience, 0);
        Checks.oneOf("precision", precision, PRECISIONS);
        Precision.resolve(precision, Device.cpu()); // refuses bf16 at load time, naming the field
    }

    /** The defaults: HF Trainer's where it has one (lr 5e-5, 3 epochs, clip 1.0, betas 0.9/0.999, ε 1e-8). */
    public static TrainConfig defaults() {
        return new TrainConfig("out", 42, 5e-5, "cosine", 0, 0.0, 0.0, 3, -1, 8, 1, 1.0, 0.0, 0.9, 0.999, 1e-8,
                10, 0, 500, 0, 0, false, false, "auto");
    }

    /** The optimizer's hyper-parameters. */
    public AdamW.Hyper adamHyper() {
        return new AdamW.Hyper(adamBeta1, adamBeta2, adamEps, weightDecay);
    }

    /** The number of optimizer steps for {@code trainSize} examples. */
    public int totalSteps(int trainSize) {
        if (maxSteps > 0) {
            return maxSteps;
        }
        long microBatches = (long) epochs * ((trainSize + batchSize - 1) / batchSize);
        return Math.toIntExact(Math.max(1, (microBatches + gradAccum - 1) / gradAccum));
    }

    /** The learning-rate schedule of a run of {@code totalSteps}. */
    public LrSchedule schedule(int totalSteps) {
        int warmup = warmupSteps > 0 ? Math.min(warmupSteps, totalSteps) : (int) Math.round(warmupRatio * totalSteps);
        return new LrSchedule(LrSchedule.Kind.parse(schedule), lr, warmup, totalSteps, minLrRatio);
    }

    /** The precision training runs in on {@code device}: auto is fp16 on a GPU, fp32 on the CPU. */
    public Precision precisionOn(Device device) {
        return Precision.resolve(precision, device);
    }

    /** A copy with the run directory set to {@code v} (validated like every config). */
    public TrainConfig withOutputDir(String v) {
        return edit(f -> f.outputDir = v);
    }

    /** A copy with the seed set to {@code v} (validated like every config). */
    public TrainConfig withSeed(long v) {
        return edit(f -> f.seed = v);
    }

    /** A copy with the peak learning rate set to {@code v} (validated like every config). */
    public TrainConfig withLr(double v) {
        return edit(f -> f.lr = v);
    }

    /** A copy with the schedule set to {@code v} (validated like every config). */
    public TrainConfig withSchedule(String v) {
        return edit(f -> f.schedule = v);
    }

    /** A copy with warmup steps set to {@code v} (validated like every config). */
    public TrainConfig withWarmupSteps(int v) {
        return edit(f -> f.warmupSteps = v);
    }

    /** A copy with epochs set to {@code v} (validated like every config). */
    public TrainConfig withEpochs(int v) {
        return edit(f -> f.epochs = v);
    }

    /** A copy with max steps set to {@code v} (validated like every config). */
    public TrainConfig withMaxSteps(int v) {
        return edit(f -> f.maxSteps = v);
    }

    /** A copy with the batch size set to {@code v} (validated like every config). */
    public TrainConfig withBatchSize(int v) {
        return edit(f -> f.batchSize = v);
    }

    /** A copy with the log cadence set to {@code v} (validated like every config). */
    public TrainConfig withLogEvery(int v) {
        return edit(f -> f.logEvery = v);
    }

    /** A copy with the evaluation cadence set to {@code v} (validated like every config). */
    public TrainConfig withEvalEvery(int v) {
        return edit(f -> f.evalEvery = v);
    }

    /** A copy with the checkpoint cadence set to {@code v} (validated like every config). */
    public TrainConfig withSaveEvery(int v) {
        return edit(f -> f.saveEvery = v);
    }

    /** A copy with resume set to {@code v} (validated like every config). */
    public TrainConfig withResume(boolean v) {
        return edit(f -> f.resume = v);
    }

    /** A copy with overwrite_output_dir set to {@code v} (validated like every config). */
    public TrainConfig withOverwriteOutputDir(boolean v) {
        return edit(f -> f.overwriteOutputDir = v);
    }

    /** A copy with the changes {@code change} makes to the fields; validated by the constructor. */
    private TrainConfig edit(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return f.build();
    }

    /** The fields as mutable values, for {@link #edit}. */
    private static final class Fields {
        String outputDir;
        long seed;
        double lr;
        String schedule;
        int warmupSteps;
        double warmupRatio;
        double minLrRatio;
        int epochs;
        int maxSteps;
        int batchSize;
        int gradAccum;
        double maxGradNorm;
        double weightDecay;
        double adamBeta1;
        double adamBeta2;
        double adamEps;
        int logEvery;
        int evalEvery;
        int saveEvery;
        int saveTotalLimit;
        int earlyStoppingPatience;
        boolean resume;
        boolean overwriteOutputDir;
        String precision;

        Fields(TrainConfig c) {
            outputDir = c.outputDir;
            seed = c.seed;
            lr = c.lr;
            schedule = c.schedule;
            warmupSteps = c.warmupSteps;
            warmupRatio = c.warmupRatio;
            minLrRatio = c.minLrRatio;
            epochs = c.epochs;
            maxSteps = c.maxSteps;
            batchSize = c.batchSize;
            gradAccum = c.gradAccum;
            maxGradNorm = c.maxGradNorm;
            weightDecay = c.weightDecay;
            adamBeta1 = c.adamBeta1;
            adamBeta2 = c.adamBeta2;
            adamEps = c.adamEps;
            logEvery = c.logEvery;
            evalEvery = c.evalEvery;
            saveEvery = c.saveEvery;
            saveTotalLimit = c.saveTotalLimit;
            earlyStoppingPatience = c.earlyStoppingPatience;
            resume = c.resume;
            overwriteOutputDir = c.overwriteOutputDir;
            precision = c.precision;
        }

        TrainConfig build() {
            return new TrainConfig(outputDir, seed, lr, schedule, warmupSteps, warmupRatio, minLrRatio, epochs, maxSteps, batchSize,
                    gradAccum, maxGradNorm, weightDecay, adamBeta1, adamBeta2, adamEps, logEvery,
                    evalEvery, saveEvery, saveTotalLimit, earlyStoppingPatience, resume,
                    overwriteOutputDir, precision);
        }
    }
}
