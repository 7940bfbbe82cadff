package org.align4j.sft;

import ai.djl.engine.Engine;
import java.io.PrintStream;
import java.nio.file.Path;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.io.TensorDType;
import org.align4j.core.lora.LoraModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingLoop;
import org.align4j.core.train.TrainingResult;
import org.align4j.core.train.config.RunConfigLoader;

/**
 * Runs SFT end to end: loads the model and its tokenizer, attaches LoRA adapters (or trains every
 * weight), prepares the data, prints the trainable parameters, and trains with the shared
 * {@link TrainingLoop} into {@code train.output_dir}: {@code checkpoint-STEP/}, {@code metrics.jsonl},
 * {@code tensorboard/}, and {@code final/} (the HF model, or the PEFT adapter with LoRA).
 */
public final class SftTrainer {
    private final SftConfig cfg;

    public SftTrainer(SftConfig cfg) {
        this.cfg = cfg.requireComplete();
    }

    /** Trains; {@code signal} stops the run at a step boundary after a checkpoint (Ctrl-C). */
    public TrainingResult run(StopSignal signal, PrintStream out) {
        Path modelDir = Path.of(cfg.model());
        Engine.getInstance().setRandomSeed((int) cfg.train().seed()); // LoRA's A initialisation
        try (ModelBundle bundle = ModelBundle.load(modelDir, cfg.data().template())) {
            PretrainedModel model = bundle.pretrained();
            LoraModel lora = cfg.lora() == null ? null : bundle.attachAdapters(cfg.lora());
            if (lora == null) {
                model.module().setTrainable(true);
            }
            SftData data = SftData.prepare(cfg.data(), bundle.encoder(), cfg.train().seed(),
                    model.config().maxPositions());
            out.printf("model: %s (%s, %d layers)%n", modelDir, model.config().modelType(),
                    model.config().numLayers());
            data.report().forEach(l -> out.println("data: " + l));
            out.println("template: " + data.template().name());
            SftTask task = new SftTask(bundle, data, cfg.train().batchSize(),
                    TensorDType.parse(cfg.saveDtype().toUpperCase(java.util.Locale.ROOT), "save_dtype"));
            out.println(trainableSummary(model, lora, task));
            TrainingResult r = new TrainingLoop(cfg.train(), task, RunConfigLoader.toYaml(cfg), signal, out).run();
            out.println(resultSummary(r));
            return r;
        }
    }

    /** PEFT's {@code print_trainable_parameters} line, plus the optimizer state that follows from it. */
    static String trainableSummary(PretrainedModel model, LoraModel lora, SftTask task) {
        long base = model.module().namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        long trainable = task.trainableParameters().stream().mapToLong(p -> p.parameter().getArray().size()).sum();
        long total = lora == null ? base : base + trainable;
        return String.format("trainable params: %,d || all params: %,d || trainable%%: %.4f%n"
                + "gradients and AdamW moments exist for %s: %.1f MiB (fp32)", trainable, total,
                100.0 * trainable / total,
                lora == null ? "every parameter" : "the " + lora.layers().size() + " LoRA adapters only (base frozen)",
                3.0 * trainable * 4 / (1 << 20));
    }

    static String resultSummary(TrainingResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s after %d of %d steps in %.1f s (%,.0f tokens/s)",
                r.interrupted() ? "stopped" : r.stoppedEarly() ? "stopped early" : "finished", r.steps(), r.totalSteps(),
                r.seconds(), r.tokens() / Math.max(r.seconds(), 1e-9)));
        if (r.firstEvalLoss() != null) {
            sb.append(String.format("%nvalidation loss %.4f → %.4f (perplexity %.2f → %.2f), best %.4f",
                    r.firstEvalLoss(), r.lastEvalLoss(), Math.exp(r.firstEvalLoss()), Math.exp(r.lastEvalLoss()),
                    r.bestEvalLoss() == null ? r.lastEvalLoss() : r.bestEvalLoss()));
        }
        sb.append(String.format("%npeak memory: resident %.0f MiB", r.peakResidentBytes() / (double) (1 << 20)));
        if (r.peakGpuBytes() >= 0) {
            sb.append(String.format(", GPU %.0f MiB", r.peakGpuBytes() / (double) (1 << 20)));
        }
        if (r.finalDir() != null) {
            sb.append("\nmodel written to ").append(r.finalDir());
        }
        if (r.lastCheckpoint() != null) {
            sb.append("\nlast checkpoint: ").append(r.lastCheckpoint());
        }
        return sb.toString();
    }
}
