package org.align4j.dpo.train;

import ai.djl.engine.Engine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.train.KlBudget;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingLoop;
import org.align4j.core.train.TrainingResult;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.UnpairedExample;
import org.align4j.dpo.config.DpoLossConfig;
import org.align4j.dpo.data.ExampleLabels;
import org.align4j.dpo.data.SourceWeights;
import org.align4j.dpo.data.KtoExamples;
import org.align4j.dpo.loss.KtoBalance;
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
        if (cfg.dpo().lossType().unpaired()) {
            throw new IllegalArgumentException("dpo.loss: kto trains on unpaired examples; call runKto");
        }
        PreferenceObjective objective = new PreferenceObjective(cfg.dpo());
        Map<String, Double> factors = cfg.data().sourceWeights();
        if (!factors.isEmpty()) {
            train = SourceWeights.apply(train, factors);
            out.println("dpo: source weights: " + SourceWeights.describe(train, factors));
        }
        ExampleLabels weights = ExampleLabels.ofPairs(train);
        if (weights != null) {
            out.println("dpo: pairs carry weights (rater reliability, severity): each pair's loss is multiplied by its"
                    + " weight");
        }
        return run(cfg, train, weights, eval, objective, objective, signal, out);
    }

    /**
     * KTO on unpaired {@code train} examples, measured on held-out {@code eval} pairs with DPO's sigmoid loss and
     * implicit rewards at the same β. Prints the class balance (and a warning when it is outside TRL's range).
     */
    public static TrainingResult runKto(DpoConfig cfg, List<UnpairedExample> train, List<PreferencePair> eval,
            StopSignal signal, PrintStream out) {
        if (!cfg.dpo().lossType().unpaired()) {
            throw new IllegalArgumentException("dpo.loss: " + cfg.dpo().loss() + " trains on pairs; call run");
        }
        if (!cfg.data().sourceWeights().isEmpty()) {
            throw new IllegalArgumentException("data.source_weights: weights pairs by source, but dpo.loss kto trains"
                    + " on unpaired examples; remove data.source_weights (or give the examples a weight)");
        }
        KtoExamples examples = KtoExamples.of(train);
        KtoBalance balance = examples.balance(cfg.kto().desirableWeight(), cfg.kto().undesirableWeight());
        out.printf("kto: %d desirable, %d undesirable examples; desirable_weight %.4g, undesirable_weight %.4g%s;"
                + " (λ_D n_D)/(λ_U n_U) = %.3f%n", balance.desirable(), balance.undesirable(), balance.desirableWeight(),
                balance.undesirableWeight(), cfg.kto().balanceUndesirable() ? " (balanced from the counts)" : "",
                balance.ratio());
        balance.warning().ifPresent(w -> out.println("warning: " + w));
        PreferenceObjective objective = new PreferenceObjective(cfg.dpo(), balance.desirableWeight(),
                balance.undesirableWeight());
        PreferenceObjective evalObjective = new PreferenceObjective(cfg.dpo().pairMeasure());
        return run(cfg, examples.rows(), examples.labels(), eval, objective, evalObjective, signal, out);
    }

    private static TrainingResult run(DpoConfig cfg, List<PreferencePair> train, ExampleLabels labels,
            List<PreferencePair> eval, PreferenceObjective objective, PreferenceObjective evalObjective,
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
            out.printf("dpo: %d training %s, %d held-out pairs, loss %s (beta %s), reference %s, template %s%n",
                    tr.size(), cfg.dpo().lossType().unpaired() ? "examples" : "pairs", ev.size(), cfg.dpo().loss(), cfg.dpo().beta(), cfg.dpo().referenceMode().configName(),
                    policy.encoder().template().name());
            try (ReferenceLogProbs reference = reference(cfg, policy, tr, ev, out)) {
                HeldOutKl kl = heldOutKl(cfg, policy, eval, out);
                DpoTask task = new DpoTask(policy, tr, ev, reference, objective, evalObjective, labels,
                        cfg.train().batchSize(), kl, kl == null ? KlBudget.none() : cfg.dpo().budget());
                out.println(trainableSummary(policy, task));
                return new TrainingLoop(cfg.train(), task, cfg.toYaml(), signal, out).run();
            }
        }
    }

    /**
     * The held-out KL measurement of a run with a {@code kl_budget}, else null. It compares with the starting
     * policy: with LoRA the base with adapters off; otherwise a frozen copy, which with {@code reference:
     * precomputed} is loaded for this measurement only.
     */
    static HeldOutKl heldOutKl(DpoConfig cfg, ModelBundle policy, List<PreferencePair> eval, PrintStream out) {
        DpoLossConfig d = cfg.dpo();
        if (!d.budget().isSet()) {
            return null;
        }
        if (eval.isEmpty()) {
            throw new IllegalArgumentException("dpo.kl_budget: " + d.klBudget() + " needs the KL to the reference"
                    + " measured on held-out prompts: give held-out pairs (data.eval_files or data.eval_fraction), or"
                    + " set kl_budget to 0");
        }
        HeldOutKl kl = new HeldOutKl(policy, policy.reference(), HeldOutKl.prompts(eval, d.klPrompts()),
                d.klMaxNewTokens(), cfg.train().batchSize(), cfg.train().seed());
        out.printf("dpo: eval_kl on answers sampled to %d held-out prompts%s%s%n", kl.size(),
                String.format(", budget %s nats per answer%s", KlBudget.nats(d.klBudget()),
                        d.stopOnKlBudget() ? " (the run stops when it passes it)" : ""),
                d.referenceMode() == ReferenceMode.PRECOMPUTED && policy.adapters().isEmpty()
                        ? "; a frozen copy of the starting policy is loaded for it" : "");
        return kl;
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
