package org.align4j.reward;

import ai.djl.ndarray.NDArray;
import org.align4j.core.nn.LogSigmoid;

/**
 * Reward-model losses as pure functions of scores (B).
 * <ul>
 *   <li>pairwise, Bradley–Terry (Ouyang et al. 2022, eq. 1): {@code −log σ(r_w − r_l − m)}, with an optional
 *       margin m per pair (Touvron et al. 2023, Llama 2 §3.2.2) and an optional centring term
 *       {@code c·mean((r_w + r_l)²)} that keeps scores near zero (Eisenstein et al. 2023);</li>
 *   <li>pointwise: mean squared error against a rating.</li>
 * </ul>
 */
public final class RewardLosses {
    private RewardLosses() {}

    /**
     * @param margins (B) per-pair margins, or null for none
     * @param centering the coefficient c of the centring term (0 = off)
     * @return the scalar loss
     */
    public static NDArray bradleyTerry(NDArray chosen, NDArray rejected, NDArray margins, double centering) {
        NDArray diff = chosen.sub(rejected);
        if (margins != null) {
            diff = diff.sub(margins);
        }
        NDArray loss = LogSigmoid.of(diff).neg().mean();
        if (centering > 0) {
            loss = loss.add(chosen.add(rejected).square().mean().muli((float) centering));
        }
        return loss;
    }

    /** {@code mean((prediction − target)²)}. */
    public static NDArray mse(NDArray predictions, NDArray targets) {
        return predictions.sub(targets).square().mean();
    }
}
