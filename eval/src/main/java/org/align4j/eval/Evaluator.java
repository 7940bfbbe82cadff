package org.align4j.eval;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.preference.ImplicitReward;
import org.align4j.core.preference.PreferenceMeasures;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.datasets.sample.SafetyRules;
import org.align4j.datasets.sample.SampleData;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.bundle.ResponseSums;
import org.align4j.core.bundle.SampledKl;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.dpo.eval.PairScores;
import org.align4j.reward.RewardScorer;

/**
 * Evaluates one policy, optionally against a reference policy and with a reward model:
 * <ul>
 *   <li>preference accuracy and mean margin of the implicit reward {@code β(log π(y|x) − log π_ref(y|x))} on
 *       held-out pairs (Rafailov et al. 2023, §5 "implicit reward"), and the reference-free likelihood accuracy;
 *   <li>the reward model's mean score of greedy answers, and the win rate against the reference's greedy
 *       answers with a percentile-bootstrap 95% interval over prompts;
 *   <li>the KL to the reference, estimated on answers sampled at temperature 1 as the mean summed
 *       {@code log π − log π_ref} over answer tokens (unbiased for the sequence-level KL);
 *   <li>preference accuracy split by length (pairs whose chosen answer is the longer vs the shorter), and the
 *       same preference measures on other named pair sets (the distribution-shift view);
 *   <li>a length-controlled win rate ({@link LengthControlledWinRate});
 *   <li>the safety-rule pass rate on red-flag prompts (the bundled sample data's rules), and per category;
 *   <li>perplexity on held-out SFT answers, ROUGE-L and BLEU of greedy answers against them.
 * </ul>
 * Greedy answers are generated once per prompt and shared by every measure.
 */
public final class Evaluator {
    private static final double TIE = 1e-6;

    private Evaluator() {}

    /** {@link #evaluate(EvalSpec, SafetyRules, PrintStream)} with the bundled sample's safety rules. */
    public static EvalReport evaluate(EvalSpec spec, PrintStream log) {
        return evaluate(spec, SampleData.safetyRules(), log);
    }

    /** Every measure of {@code spec}; the safety pass rate and over-triage by {@code rules}. */
    public static EvalReport evaluate(EvalSpec spec, SafetyRules rules, PrintStream log) {
        long t0 = System.nanoTime();
        try (ModelBundle policy = ModelBundle.load(spec.model());
                ModelBundle ref = spec.reference() == null ? null : ModelBundle.load(spec.reference())) {
            if (ref != null && ref.tokenizer().vocabSize() != policy.tokenizer().vocabSize()) {
                throw new IllegalArgumentException("the reference " + spec.reference() + " has "
                        + ref.tokenizer().vocabSize() + " tokens but the model " + policy.tokenizer().vocabSize()
                        + "; compare models that share a tokenizer");
            }
            GreedyAnswers answers = new GreedyAnswers(policy, spec.maxNewTokens(), spec.batchSize());
            GreedyAnswers refAnswers = ref == null ? null : new GreedyAnswers(ref, spec.maxNewTokens(), spec.batchSize());
            EvalReport.Preference pref = preference("held-out", spec.pairs(), spec, policy, ref, log);
            Map<String, EvalReport.Preference> shift = new LinkedHashMap<>();
            spec.shift().forEach((name, set) -> shift.put(name, preference(name, set, spec, policy, ref, log)));
            List<String> prompts = EvalPrompts.generation(spec);
            Rewards reward = reward(spec, prompts, answers, refAnswers, log);
            Double kl = ref == null ? null : kl(spec, prompts, policy, ref, log);
            double meanTokens = answers.sequences(prompts).stream().mapToInt(s -> s.tokens().length).average()
                    .orElse(Double.NaN);
            EvalReport.Generation generation = new EvalReport.Generation(prompts.size(), reward.mine(),
                    reward.theirs(), reward.win(), kl, prompts.isEmpty() ? null : meanTokens,
                    reward.lengthControlled());
            EvalReport.Safety safety = safety(EvalPrompts.redFlag(spec, rules), EvalPrompts.unflagged(spec, rules),
                    answers, rules, log);
            EvalReport.Text text = sft(spec, policy, answers, log);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new EvalReport(spec.model().toString(), spec.reference() == null ? null : spec.reference().toString(),
                    pref, generation, safety, text, shift, seconds);
        }
    }

    /**
     * Implicit-reward accuracy and margin at the spec's β (with a reference) and likelihood accuracy,
     * all by {@link ImplicitReward}'s definitions.
     */
    private static EvalReport.Preference preference(String name, List<PreferencePair> pairs, EvalSpec spec,
            ModelBundle policy, ModelBundle ref, PrintStream log) {
        if (pairs.isEmpty()) {
            return EvalReport.Preference.none(spec.beta());
        }
        log.printf(Locale.ROOT, "eval: scoring %d %s pairs%n", pairs.size(), name);
        PairScores p = PairScores.of(policy, EncodedPairs.encode(name, pairs, policy.encoder(), spec.maxLength()),
                spec.batchSize());
        boolean[] shorter = new boolean[p.size()];
        int nShorter = 0;
        for (int i = 0; i < shorter.length; i++) {
            shorter[i] = p.chosenTokens()[i] < p.rejectedTokens()[i];
            nShorter += shorter[i] ? 1 : 0;
        }
        if (ref == null) {
            return new EvalReport.Preference(p.size(), spec.beta(), null, null, p.likelihoodAccuracy(), nShorter,
                    null, null, null, null, null);
        }
        PairScores r = PairScores.of(ref, EncodedPairs.encode(name, pairs, ref.encoder(), spec.maxLength()),
                spec.batchSize());
        double[] margins = ImplicitReward.margins(spec.beta(), p.chosen(), p.rejected(), r.chosen(), r.rejected());
        PreferenceMeasures m = PreferenceMeasures.of(spec.beta(), margins);
        // the policy's token counts divide both log-probs, as in training (one tokenizer scores both models)
        double[] perToken = ImplicitReward.perTokenMargins(spec.beta(), p.chosen(), p.rejected(), r.chosen(),
                r.rejected(), p.chosenTokens(), p.rejectedTokens());
        PreferenceMeasures t = PreferenceMeasures.of(spec.beta(), perToken);
        Map<String, SourceAccuracy> bySource = SourceAccuracy.of(margins, shorter,
                pairs.stream().map(PreferencePair::source).toList());
        return new EvalReport.Preference(p.size(), spec.beta(), m.accuracy(), m.margin(), p.likelihoodAccuracy(),
                nShorter, accuracyWhere(margins, shorter, false), accuracyWhere(margins, shorter, true),
                new EvalReport.PerToken(t.accuracy(), t.margin(), accuracyWhere(perToken, shorter, false),
                        accuracyWhere(perToken, shorter, true)),
                LengthGap.of(bySource.values()), bySource);
    }

    /** Preference accuracy over the pairs whose {@code shorter} flag equals {@code want}; null when there are none. */
    static Double accuracyWhere(double[] margins, boolean[] shorter, boolean want) {
        double[] sub = java.util.stream.IntStream.range(0, margins.length).filter(i -> shorter[i] == want)
                .mapToDouble(i -> margins[i]).toArray();
        return sub.length == 0 ? null : ImplicitReward.accuracy(sub);
    }

    /** The reward model's mean score of both sides' greedy answers and the win rate; nulls where not measured. */
    private record Rewards(Double mine, Double theirs, Bootstrap.Interval win, Double lengthControlled) {}

    /** Mean reward of the model's and the reference's greedy answers, win rate and its interval. */
    private static Rewards reward(EvalSpec spec, List<String> prompts, GreedyAnswers answers,
            GreedyAnswers refAnswers, PrintStream log) {
        if (spec.rewardModel() == null || prompts.isEmpty()) {
            return new Rewards(null, null, null, null);
        }
        log.printf(Locale.ROOT, "eval: answering %d prompts and scoring them with %s%n", prompts.size(),
                spec.rewardModel());
        try (RewardScorer scorer = RewardScorer.load(spec.rewardModel(), RewardScorer.savedMaxLength(spec.rewardModel()),
                true, spec.batchSize())) {
            float[] mine = scorer.score(prompts, answers.texts(prompts));
            if (refAnswers == null) {
                return new Rewards(mean(mine), null, null, null);
            }
            float[] theirs = scorer.score(prompts, refAnswers.texts(prompts));
            double[] outcomes = Bootstrap.winOutcomes(mine, theirs, TIE);
            Bootstrap.Interval win = Bootstrap.mean(outcomes, spec.resamples(), 0.95, spec.seed());
            List<GeneratedSequence> a = answers.sequences(prompts);
            List<GeneratedSequence> b = refAnswers.sequences(prompts);
            double[] lengthDiff = new double[prompts.size()];
            for (int i = 0; i < lengthDiff.length; i++) {
                lengthDiff[i] = a.get(i).tokens().length - b.get(i).tokens().length;
            }
            return new Rewards(mean(mine), mean(theirs), win, LengthControlledWinRate.of(outcomes, lengthDiff));
        }
    }

    /** {@link SampledKl}: the mean summed log-ratio over answers sampled from the model at temperature 1. */
    private static double kl(EvalSpec spec, List<String> prompts, ModelBundle policy, ModelBundle ref, PrintStream log) {
        if (prompts.isEmpty()) {
            return Double.NaN;
        }
        log.printf(Locale.ROOT, "eval: sampling %d answers for the KL to the reference%n", prompts.size());
        return SampledKl.perAnswer(policy, ref, GreedyAnswers.userTurns(prompts), spec.maxNewTokens(),
                spec.batchSize(), spec.seed());
    }

    private static EvalReport.Safety safety(List<String> redFlag, List<String> unflagged, GreedyAnswers answers,
            SafetyRules rules, PrintStream log) {
        log.printf(Locale.ROOT, "eval: answering %d red-flag prompts and %d prompts no rule flags%n", redFlag.size(),
                unflagged.size());
        List<String> texts = answers.texts(redFlag);
        return new EvalReport.Safety(redFlag.size(), rules.passRate(redFlag, texts),
                CategorySafety.of(rules, redFlag, texts), unflagged.size(),
                rules.overTriageRate(unflagged, answers.texts(unflagged)));
    }

    /**
     * Perplexity on the held-out SFT answers; ROUGE-L and BLEU of greedy answers against them, and those
     * answers' distinct-2 and reference hit rate at 5.
     */
    private static EvalReport.Text sft(EvalSpec spec, ModelBundle policy, GreedyAnswers answers, PrintStream log) {
        if (spec.sft().isEmpty()) {
            return EvalReport.Text.none();
        }
        log.printf(Locale.ROOT, "eval: perplexity on %d held-out SFT examples%n", spec.sft().size());
        List<TokenizedSequence> seqs = spec.sft().stream()
                .map(e -> policy.encoder().fit(policy.encoder().encode(e), spec.maxLength()).sequence())
                .filter(s -> s.trainedTokens() > 0).toList();
        ResponseSums lp = policy.responseSums(seqs, spec.batchSize());
        double ppl = Math.exp(-lp.total() / Math.max(1, lp.totalTokens()));
        List<SftExample> single = EvalPrompts.singleTurnExamples(spec);
        if (single.isEmpty()) {
            return new EvalReport.Text(spec.sft().size(), ppl, null, null, null, null, null);
        }
        List<String> questions = single.stream().map(e -> e.messages().get(0).content()).toList();
        List<String> refs = single.stream().map(e -> e.messages().get(1).content()).toList();
        List<String> got = answers.texts(questions);
        return new EvalReport.Text(spec.sft().size(), ppl, TextMetrics.meanRougeL(got, refs),
                TextMetrics.corpusBleu(got, refs), measured(TextMetrics.distinctN(got, 2)),
                measured(TextMetrics.referenceHitRate(got, refs, 5)), got.size());
    }

    /** null for a measure that has nothing to measure (NaN): absent in the report, not a number JSON cannot hold. */
    private static Double measured(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
