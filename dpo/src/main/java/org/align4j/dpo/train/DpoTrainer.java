package org.align4j.dpo.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingLoop;
import org.align4j.core.train.TrainingResult;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.dpo.config.ReferenceMode;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.reference.LiveReference;
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
        try (PolicyModel policy = PolicyModel.load(policyDir, cfg.data().template())) {
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
                return new TrainingLoop(cfg.train(), task, cfg.toYaml(), signal, out).run();
            }
        }
    }

    /** The reference of {@code cfg}; null when the loss needs none. */
    static ReferenceLogProbs reference(DpoConfig cfg, PolicyModel policy, EncodedPairs train, EncodedPairs eval,
            PrintStream out) {
        ReferenceMode mode = cfg.dpo().referenceMode();
        return switch (mode) {
            case NONE -> null;
            case MODEL -> new LiveReference(HfCheckpoint.load(policy.dir()));
            // The policy has not taken a step yet (a resumed run loads its checkpoint later), so its
            // weights are the reference's: no second model is loaded at all.
            case PRECOMPUTED -> ReferenceCache.loadOrCompute(Path.of(cfg.train().outputDir()),
                    ReferenceCache.key(policy.dir(), train, eval), policy.lm(), policy.collator(), train, eval,
                    cfg.train().batchSize(), out);
        };
    }
}
