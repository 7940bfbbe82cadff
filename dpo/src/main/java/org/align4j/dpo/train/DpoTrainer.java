package org.align4j.dpo.train;

import ai.djl.engine.Engine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingLoop;
import org.align4j.core.train.TrainingResult;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.dpo.config.ReferenceMode;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.reference.ModelReference;
import org.align4j.dpo.reference.ReferenceCache;
import org.align4j.dpo.reference.ReferenceLogProbs;

/**
 * One DPO run: loads the policy, tokenises the pairs, sets up the reference (a frozen copy, or log-probs
 * precomputed with the policy before its first step and cached, or none), and runs the shared
 * {@link TrainingLoop} on a {@link DpoTask}.
 */
public final class DpoTrainer {
    private DpoTrainer() {}

    /** Trains on {@code train}, evaluating on {@code eval} (may be empty). */
    public static TrainingResult run(DpoConfig cfg, List<PreferencePair> train, List<PreferencePair> eval,
            StopSignal signal, PrintStream out) {
        Path policyDir = Path.of(cfg.policy());
        Engine.getInstance().setRandomSeed((int) cfg.train().seed()); // LoRA's A initialisation
        try (ModelBundle policy = ModelBundle.load(policyDir, cfg.data().template())) {
            if (cfg.lora() != null) {
                policy.attachAdapters(cfg.lora());
            }
            EncodedPairs tr = EncodedPairs.encode("train", train, policy.encoder(), cfg.data().maxLength());
            EncodedPairs ev = EncodedPairs.encode("eval", eval, policy.encoder(), cfg.data().maxLength());
            for (EncodedPairs e : List.of(tr, ev)) {
                if (e.truncationNote() != null) {
                    out.println(e.truncationNote());
                }
            }
            out.printf("dpo: %d training pairs, %d held-out pairs, loss %s (beta %s), reference %s, template %s%n",
                    tr.size(), ev.size(), cfg.dpo().loss(), cfg.dpo().beta(), cfg.dpo().referenceMode().configName(),
                    policy.encoder().template().name());
            try (ReferenceLogProbs reference = reference(cfg, policy, tr, ev, out)) {
                DpoTask task = new DpoTask(policy, tr, ev, reference, new PreferenceObjective(cfg.dpo()),
                        cfg.train().batchSize());
                out.println(trainableSummary(policy, task));
                return new TrainingLoop(cfg.train(), task, cfg.toYaml(), signal, out).run();
            }
        }
    }

    /** The reference of {@code cfg}; null when the loss needs none. */
    static ReferenceLogProbs reference(DpoConfig cfg, ModelBundle policy, EncodedPairs train,
            EncodedPairs eval, PrintStream out) {
        ReferenceMode mode = cfg.dpo().referenceMode();
        return switch (mode) {
            case NONE -> null;
            // With LoRA the base (adapters off) is the reference; without, a frozen second copy.
            case MODEL -> new ModelReference(policy.reference());
            // The policy has not taken a step yet (a resumed run loads its checkpoint later; fresh LoRA
            // adapters add B·A = 0), so its weights are the reference's: no second model is loaded at all.
            case PRECOMPUTED -> ReferenceCache.loadOrCompute(Path.of(cfg.train().outputDir()),
                    ReferenceCache.key(policy.dir(), train, eval), policy.lm(), policy.collator(), train, eval,
                    cfg.train().batchSize(), out);
        };
    }

    /** What trains, as PEFT's {@code print_trainable_parameters} says it. */
    static String trainableSummary(ModelBundle policy, DpoTask task) {
        long base = policy.lm().namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        long trainable = task.trainableParameters().stream().mapToLong(p -> p.parameter().getArray().size()).sum();
        boolean lora = policy.adapters().isPresent();
        long total = !lora ? base : base + trainable;
        return String.format("trainable params: %,d || all params: %,d || trainable%%: %.4f (%s)", trainable, total,
                100.0 * trainable / total, !lora ? "every parameter" : "LoRA adapters, base frozen");
    }
}
