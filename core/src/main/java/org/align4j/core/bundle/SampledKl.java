package org.align4j.core.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.align4j.core.generate.GeneratedSequence;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.collate.TokenizedSequence;

/**
 * KL(π ‖ π_ref) per answer, estimated on answers sampled from the policy at temperature 1: the mean over
 * answers of {@code Σ_t (log π(y_t | x, y_<t) − log π_ref(y_t | x, y_<t))} over the answer tokens, an
 * unbiased estimate of the sequence-level KL (Schulman's k1). The one measurement {@code align eval}'s
 * "KL to reference" and DPO's held-out {@code eval_kl} (its {@link org.align4j.core.train.KlBudget}) share.
 */
public final class SampledKl {
    private SampledKl() {}

    /**
     * @param conversations the prompts, each ending with a user turn
     * @param maxNewTokens the longest sampled answer
     * @param seed the sampler's seed (the same seed draws the same answers from the same policy)
     * @return the mean KL per answer in nats; 0 when no answer has a token; NaN without prompts
     */
    public static double perAnswer(ModelBundle policy, FrozenReference reference,
            List<List<ChatMessage>> conversations, int maxNewTokens, int batchSize, long seed) {
        if (conversations.isEmpty()) {
            return Double.NaN;
        }
        SamplingConfig cfg = policy.generation(maxNewTokens).temperature(1.0).seed(seed).build();
        List<TokenizedSequence> seqs = new ArrayList<>();
        for (GeneratedSequence g : policy.answer(conversations, cfg, batchSize)) {
            if (g.tokens().length > 0) {
                seqs.add(answerSequence(g));
            }
        }
        if (seqs.isEmpty()) {
            return 0;
        }
        ResponseSums mine = policy.responseSums(seqs, batchSize);
        ResponseSums theirs;
        try (FrozenReference.Scope active = reference.activate()) {
            theirs = ResponseSums.of(reference.model(), policy.collator(), seqs, batchSize);
        }
        return (mine.total() - theirs.total()) / seqs.size();
    }

    /** {@link #perAnswer} against a reference loaded as a bundle of its own. */
    public static double perAnswer(ModelBundle policy, ModelBundle reference, List<List<ChatMessage>> conversations,
            int maxNewTokens, int batchSize, long seed) {
        return perAnswer(policy, FrozenReference.of(reference.lm()), conversations, maxNewTokens, batchSize, seed);
    }

    /** Prompt then answer tokens, the answer tokens marked for scoring. */
    public static TokenizedSequence answerSequence(GeneratedSequence g) {
        int p = g.promptIds().length;
        int[] ids = Arrays.copyOf(g.promptIds(), p + g.tokens().length);
        System.arraycopy(g.tokens(), 0, ids, p, g.tokens().length);
        boolean[] mask = new boolean[ids.length];
        Arrays.fill(mask, p, ids.length, true);
        return new TokenizedSequence(ids, mask);
    }
}
