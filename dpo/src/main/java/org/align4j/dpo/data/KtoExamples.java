package org.align4j.dpo.data;

import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.UnpairedExample;
import org.align4j.dpo.loss.KtoBalance;

/**
 * Unpaired examples laid out for the pair machinery: example i becomes the "pair" (prompt_i, completion_i,
 * completion_j) whose second answer is a <em>mismatched</em> completion — another example's answer to another
 * prompt — scored only for KTO's reference point (Ethayarajh et al. 2024, §3.2; TRL's KL dataset shifts
 * completions by one the same way). So the tokenisation, reference log-probs (live or precomputed) and batching of
 * pairs serve KTO unchanged, and the labels and weights travel beside them by index.
 *
 * @param rows the (prompt, completion, mismatched completion) rows, in example order
 * @param labels per example, desirable (1) or not (0), and the example's own weight (rater reliability, severity),
 *     rescaled to mean 1 over the examples — the class weights λ_D, λ_U are applied by the loss
 * @param examples the examples, in order
 */
public record KtoExamples(List<PreferencePair> rows, ExampleLabels labels, List<UnpairedExample> examples) {

    /**
     * Lays out {@code examples}; the mismatched completion of example i is the next example's (cyclically) whose
     * prompt and answer both differ from i's.
     *
     * @throws IllegalArgumentException when no such example exists (fewer than two distinct prompts and answers)
     */
    public static KtoExamples of(List<UnpairedExample> examples) {
        int n = examples.size();
        List<PreferencePair> rows = new ArrayList<>(n);
        float[] desirable = new float[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            UnpairedExample e = examples.get(i);
            UnpairedExample other = mismatch(examples, i);
            rows.add(new PreferencePair(e.prompt(), e.completion(), other.completion(), e.id(), e.rater(), null));
            desirable[i] = e.desirable() ? 1f : 0f;
            weights[i] = (float) e.weight();
        }
        return new KtoExamples(rows, new ExampleLabels(desirable, ExampleLabels.meanOne(weights)), List.copyOf(examples));
    }

    private static UnpairedExample mismatch(List<UnpairedExample> examples, int i) {
        UnpairedExample e = examples.get(i);
        for (int k = 1; k < examples.size(); k++) {
            UnpairedExample o = examples.get((i + k) % examples.size());
            if (!o.prompt().equals(e.prompt()) && !o.completion().strip().equals(e.completion().strip())) {
                return o;
            }
        }
        throw new IllegalArgumentException("KTO needs examples for at least two different prompts with different"
                + " answers (its reference point scores each prompt with another prompt's answer); got "
                + examples.size() + " example(s)");
    }

    public int size() {
        return rows.size();
    }

    /** The class counts with weights λ_D and λ_U (λ_U = 0: balanced from the counts). */
    public KtoBalance balance(double desirableWeight, double undesirableWeight) {
        long d = 0;
        for (float f : labels.desirable()) {
            d += (long) f;
        }
        long u = labels.desirable().length - d;
        return new KtoBalance(d, u, desirableWeight, undesirableWeight != 0 ? undesirableWeight
                : new KtoBalance(d, u, desirableWeight, 1).balancingUndesirableWeight());
    }
}
