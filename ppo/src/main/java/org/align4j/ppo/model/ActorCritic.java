package org.align4j.ppo.model;

import ai.djl.ndarray.NDArray;
import org.align4j.core.bundle.FrozenReference;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.nn.Scalars;
import org.align4j.ppo.rollout.SequenceBatch;

/**
 * The one forward pass PPO uses everywhere: the log-probabilities of the answer tokens under the policy
 * (and under the reference), and the critic's values at the same positions. The rollout's "old"
 * log-probs and values are computed with this very forward after sampling, not taken from the sampler:
 * a sampler with top-k/top-p or a KV cache computes slightly different numbers, and the ratio
 * {@code π/π_old} must be exactly 1 before the first update. Logits are divided by the sampling
 * temperature in every pass (policy, old and reference alike), as TRL does, so that all three describe
 * the distribution answers were drawn from.
 */
public final class ActorCritic {
    /**
     * @param logprobs (B, R) log π of each answer token
     * @param values (B, R) V at each answer position, or null when not asked for
     * @param logits (B, R, V) the tempered logits that gave {@code logprobs} (for the entropy)
     */
    public record Output(NDArray logprobs, NDArray values, NDArray logits) {}

    private final Policy policy;
    private final Critic critic;
    private final float logitScale;

    /**
     * @param critic the value function, or null for a critic-free run (then never ask for values)
     * @param logitScale the sampling temperature (1 when sampling is greedy or untempered)
     */
    public ActorCritic(Policy policy, Critic critic, double logitScale) {
        if (!(logitScale > 0)) {
            throw new IllegalArgumentException("logit scale must be > 0, got " + logitScale);
        }
        this.policy = policy;
        this.critic = critic;
        this.logitScale = (float) logitScale;
    }

    public Policy policy() {
        return policy;
    }

    public Critic critic() {
        return critic;
    }

    /**
     * Policy log-probs (and values) of the answer tokens of {@code b}; records a graph when gradients are on.
     *
     * @param withValues also compute the critic's values
     */
    public Output forward(SequenceBatch.Tensors b, boolean withValues, boolean training) {
        CausalLanguageModel lm = policy.lm();
        NDArray hidden = b.answerSlice(lm.hidden(b.ids(), b.attentionMask(), b.positions(), null, training)); // (B, R, d)
        NDArray logits = tempered(lm.logits(hidden)); // (B, R, V)
        NDArray logprobs = TokenLogProbs.gather(logits, b.responseIds()); // (B, R)
        NDArray values = null;
        if (withValues) {
            NDArray criticHidden = critic.onPolicy() ? hidden
                    : b.answerSlice(critic.trunk().hidden(b.ids(), b.attentionMask(), b.positions(), null, training));
            values = critic.head().forward(criticHidden); // (B, R)
        }
        return new Output(logprobs, values, logits);
    }

    /** Reference log-probs of the answer tokens of {@code b}, (B, R), without gradients. */
    public NDArray referenceLogprobs(SequenceBatch.Tensors b) {
        FrozenReference ref = policy.reference();
        try (NoGrad ignored = NoGrad.enter(); FrozenReference.Scope active = ref.activate()) {
            CausalLanguageModel lm = ref.model();
            NDArray hidden = b.answerSlice(lm.hidden(b.ids(), b.attentionMask(), b.positions(), null, false)); // (B, R, d)
            return TokenLogProbs.gather(tempered(lm.logits(hidden)), b.responseIds());
        }
    }

    private NDArray tempered(NDArray logits) {
        return logitScale == 1f ? logits : Scalars.div(logits, logitScale);
    }
}
