package org.align4j.dpo.refresh;

import java.nio.file.Path;
import java.util.List;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.preference.ImplicitReward;
import org.align4j.core.preference.PreferenceMeasures;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.sample.SafetyRules;
import org.align4j.eval.GreedyAnswers;
import org.align4j.feedback.export.UnsafeAnswers;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.eval.PairScores;

/**
 * Scores candidate and production on the held-out pairs, one model in memory at a time. With the
 * DPO losses the implicit reward is {@code β(log πθ − log π_production)}: the candidate's margins are
 * measured against production, whose own margins are 0 (accuracy 0.5 with ties counted half). With
 * the reference-free losses it is {@code β · mean token log-prob} for each policy on its own.
 */
public record DpoRefreshEvaluator(RefreshConfig cfg, SafetyCheck safety) implements RefreshEvaluator {
    /** The evaluator of {@code cfg}, with the safety rules it names (if any). */
    public static DpoRefreshEvaluator create(RefreshConfig cfg) {
        if (cfg.safetyRules() == null) {
            return new DpoRefreshEvaluator(cfg, SafetyCheck.NONE);
        }
        SafetyRules rules = SafetyRules.resolve(cfg.safetyRules(), "safety_rules");
        return new DpoRefreshEvaluator(cfg, new RuleSafetyCheck(rules, cfg.safetyMaxNewTokens(), cfg.safetyMaxPrompts(),
                cfg.train().batchSize()));
    }

    @Override
    public Evaluation evaluate(Path candidate, Path production, List<PreferencePair> heldOut) {
        Scored p = score(production, heldOut);
        Scored c = score(candidate, heldOut);
        double beta = cfg.dpo().beta();
        double[] cm;
        double[] pm;
        if (cfg.dpo().lossType().needsReference()) {
            cm = ImplicitReward.margins(beta, c.s.chosen(), c.s.rejected(), p.s.chosen(), p.s.rejected());
            pm = new double[heldOut.size()]; // production against itself: every margin 0
        } else {
            cm = ImplicitReward.lengthNormalisedMargins(beta, c.s.chosen(), c.s.rejected(), c.s.chosenTokens(),
                    c.s.rejectedTokens());
            pm = ImplicitReward.lengthNormalisedMargins(beta, p.s.chosen(), p.s.rejected(), p.s.chosenTokens(),
                    p.s.rejectedTokens());
        }
        return new Evaluation(PolicyScores.of(PreferenceMeasures.of(beta, cm), c.s.likelihoodAccuracy(), c.safety),
                PolicyScores.of(PreferenceMeasures.of(beta, pm), p.s.likelihoodAccuracy(), p.safety));
    }

    @Override
    public List<String> unsafeRepeats(Path candidate, java.util.Map<String, java.util.Set<String>> flagged) {
        if (flagged.isEmpty()) {
            return List.of();
        }
        List<String> prompts = new java.util.ArrayList<>(flagged.keySet());
        List<String> repeats = new java.util.ArrayList<>();
        try (ModelBundle m = ModelBundle.load(candidate, cfg.template())) {
            List<String> answers = GreedyAnswers.of(m, prompts, cfg.safetyMaxNewTokens(), cfg.train().batchSize());
            for (int i = 0; i < prompts.size(); i++) {
                String answer = answers.get(i);
                if (flagged.get(prompts.get(i)).stream().anyMatch(f -> UnsafeAnswers.same(answer, f))) {
                    repeats.add("to \"" + abbreviate(prompts.get(i)) + "\" it answers \"" + abbreviate(answer)
                            + "\", which a doctor marked unsafe");
                }
            }
        }
        return repeats;
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    private record Scored(PairScores s, Double safety) {}

    private Scored score(Path dir, List<PreferencePair> heldOut) {
        try (ModelBundle m = ModelBundle.load(dir, cfg.template())) {
            EncodedPairs e = EncodedPairs.encode("heldout", heldOut, m.encoder(), cfg.maxLength());
            return new Scored(PairScores.of(m, e, cfg.train().batchSize()), safety.score(m, heldOut));
        }
    }
}
