package org.align4j.dpo.refresh;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingResult;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.dpo.config.DpoDataConfig;
import org.align4j.dpo.train.DpoTrainer;

/**
 * Trains the candidate with DPO or KTO ({@link DpoTrainer}) from the production policy, in the run's work
 * directory, evaluating on the held-out pairs as it goes; with LoRA the adapters are merged so that
 * the candidate is a complete model, ready to serve and to start the next refresh from.
 */
public record DpoRefreshTrainer(RefreshConfig cfg, PrintStream out) implements RefreshTrainer {
    @Override
    public Path train(Request r) {
        DpoDataConfig data = new DpoDataConfig(List.of(), null, List.of(), 0.0, cfg.template(), cfg.maxLength(), false,
                Map.of());
        DpoConfig dpo = new DpoConfig(r.baseModel().toString(), data, cfg.dpo(), cfg.lora(), cfg.trainIn(r.workDir()),
                cfg.kto(), cfg.feedback());
        TrainingResult result = cfg.dpo().lossType().unpaired()
                ? DpoTrainer.runKto(dpo, r.examples(), r.heldOut(), new StopSignal(), out)
                : DpoTrainer.run(dpo, r.pairs(), r.heldOut(), new StopSignal(), out);
        if (result.finalDir() == null) {
            throw new IllegalStateException("training stopped before the end (step " + result.steps() + " of "
                    + result.totalSteps() + "); no candidate");
        }
        if (cfg.lora() == null) {
            return result.finalDir();
        }
        Path merged = r.workDir().resolve("merged");
        try (ModelBundle adapted = ModelBundle.load(result.finalDir())) { // the adapter merged into its base
            HfCheckpoint.save(adapted.pretrained(), merged, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES,
                    dir -> HfCheckpoint.copySideFiles(result.finalDir(), dir));
        }
        return merged;
    }
}
