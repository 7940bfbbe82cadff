package org.align4j.dpo.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import org.align4j.core.nn.Scalars;

/**
 * Kahneman–Tversky Optimization (Ethayarajh et al., ICML 2024, eq. 8) on unpaired examples, as pure functions of
 * summed response log-probs. With the implicit reward {@code r = log πθ(y|x) − log πref(y|x)} and the reference
 * point {@code z = max(0, KL̂)}:
 * <ul>
 *   <li>desirable y: {@code λ_D (1 − σ(β (r − z)))};</li>
 *   <li>undesirable y: {@code λ_U (1 − σ(β (z − r)))}.</li>
 * </ul>
 * {@code KL̂} is the batch mean of {@code log πθ(y'|x) − log πref(y'|x)} over <em>mismatched</em> completions y'
 * (each prompt paired with another example's answer), computed without gradient, as in the paper and TRL's
 * {@code KTOTrainer}: the reference point only shifts the sigmoid, it is not optimised.
 */
public final class KtoLosses {
    private KtoLosses() {}

    /**
     * The reference point {@code z = max(0, mean(policyMismatched − refMismatched))}, detached.
     *
     * @param policyMismatched (M) summed log-probs of mismatched completions under the policy
     * @param refMismatched (M) the same under the reference
     */
    public static NDArray referencePoint(NDArray policyMismatched, NDArray refMismatched) {
        return Scalars.maximum(policyMismatched.sub(refMismatched).mean(), 0f).stopGradient();
    }

    /**
     * Per-example KTO losses.
     *
     * @param policy (B) summed response log-probs under the policy
     * @param ref (B) the same under the reference
     * @param desirable (B) 1 for a desirable example (👍, a correction), 0 for an undesirable one
     * @param referencePoint () the detached {@code z} of {@link #referencePoint}
     * @param beta β
     * @param desirableWeight λ_D
     * @param undesirableWeight λ_U
     * @return losses (B) and the implicit rewards {@code β r} of each example in {@code chosenRewards} (desirable
     *     rows) or {@code rejectedRewards} (undesirable rows); the other array holds zeros for that row
     */
    public static PreferenceLoss kto(NDArray policy, NDArray ref, NDArray desirable, NDArray referencePoint,
            double beta, double desirableWeight, double undesirableWeight) {
        NDArray d = desirable.toType(DataType.FLOAT32, false);
        NDArray u = d.neg().addi(1f);
        NDArray r = policy.sub(ref); // (B)
        NDArray up = Activation.sigmoid(Scalars.muli(r.sub(referencePoint), beta)).neg().addi(1f); // 1 − σ(β(r − z))
        NDArray down = Activation.sigmoid(Scalars.muli(referencePoint.sub(r), beta)).neg().addi(1f); // 1 − σ(β(z − r))
        NDArray losses = Scalars.muli(up.mul(d), desirableWeight).addi(Scalars.muli(down.mul(u), undesirableWeight));
        NDArray rewards = Scalars.mul(r, beta).stopGradient();
        return new PreferenceLoss(losses, rewards.mul(d), rewards.mul(u));
    }
}
