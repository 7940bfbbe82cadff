package org.align4j.dpo.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.align4j.core.bundle.FrozenReference;
import org.align4j.core.bundle.ModelBundle;
import org.align4j.core.bundle.SampledKl;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;

/**
 * DPO's {@code eval_kl}: the KL to the reference per answer ({@link SampledKl}) on answers sampled to the
 * distinct prompts of the held-out pairs, with the same seed at every evaluation, so that two evaluations
 * differ only by the policy. It is what the run's {@link org.align4j.core.train.KlBudget} judges.
 */
public final class HeldOutKl {
    private final ModelBundle policy;
    private final FrozenReference reference;
    private final List<List<ChatMessage>> prompts;
    private final int maxNewTokens;
    private final int batchSize;
    private final long seed;

    /**
     * @param prompts the conversations answered ({@link #prompts})
     * @param reference the run's frozen reference (with LoRA the policy with adapters off)
     */
    public HeldOutKl(ModelBundle policy, FrozenReference reference, List<List<ChatMessage>> prompts,
            int maxNewTokens, int batchSize, long seed) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no held-out prompts to measure the KL to the reference on: give"
                    + " held-out pairs (data.eval_files or data.eval_fraction) or set dpo.kl_prompts to 0");
        }
        this.policy = policy;
        this.reference = reference;
        this.prompts = List.copyOf(prompts);
        this.maxNewTokens = maxNewTokens;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** The first {@code max} distinct prompts of {@code pairs}, in order. */
    public static List<List<ChatMessage>> prompts(List<PreferencePair> pairs, int max) {
        Set<List<ChatMessage>> seen = new LinkedHashSet<>();
        for (PreferencePair p : pairs) {
            if (seen.size() == max) {
                break;
            }
            seen.add(p.prompt());
        }
        return new ArrayList<>(seen);
    }

    public int size() {
        return prompts.size();
    }

    /** The mean KL per sampled answer, in nats. */
    public double measure() {
        return SampledKl.perAnswer(policy, reference, prompts, maxNewTokens, batchSize, seed);
    }
}
