package org.align4j.reward;

import ai.djl.ndarray.NDArray;
import org.align4j.core.nn.LogSigmoid;
import org.align4j.core.nn.Scalars;

/**
 * Reward-model losses as pure functions of scores (B).
 * <ul>
 *   <li>pairwise, Bradley–Terry (Ouyang et al. 2022, eq. 1): {@code −log σ(r_w − r_l − m)}, with an optional
 *       margin m per pair (Touvron et al. 2023, Llama 2 §3.2.2) and an optional centring term
 *       {@code c·mean((r_w + r_l)²)} that keeps scores near zero (Eisenstein et al. 2023), and optional label
 *       smoothing ε, {@code −(1−ε) log σ(d) − ε log σ(−d)} with {@code d = r_w − r_l − m}, whose minimum is at the
 *       finite margin {@code d = ln((1−ε)/ε)} (2.20 at ε = 0.1): a model that separates every training pair is no
 *       longer pushed to ever larger scores (Müller et al. 2019, "When does label smoothing help?"; the cDPO
 *       form, Mitchell 2023);</li>
 *   <li>pointwise: mean squared error against a rating.</li>
 * </ul>
 */
public final class RewardLosses {
    private RewardLosses() {}

    /** {@link #bradleyTerry(NDArray, NDArray, NDArray, double, double)} without label smoothing. */
    public static NDArray bradleyTerry(NDArray chosen, NDArray rejected, NDArray margins, double centering) {
        return bradleyTerry(chosen, rejected, margins, centering, 0);
    }

    /**
     * @param margins (B) per-pair margins, or null for none
     * @param centering the coefficient c of the centring term (0 = off)
     * @param labelSmoothing ε in [0, 0.5): the assumed share of pairs whose label is wrong (0 = off)
     * @return the scalar loss
     */
    public static NDArray bradleyTerry(NDArray chosen, NDArray rejected, NDArray margins, double centering,
            double labelSmoothing) {
        NDArray diff = chosen.sub(rejected);
        if (margins != null) {
            diff = diff.sub(margins);
        }
        NDArray perPair = Scalars.muli(LogSigmoid.of(diff), -(1 - labelSmoothing)); // (B)
        if (labelSmoothing > 0) {
            perPair = perPair.sub(Scalars.muli(LogSigmoid.of(diff.neg()), labelSmoothing));
        }
        NDArray loss = perPair.mean();
        if (centering > 0) {
            loss = loss.add(Scalars.muli(chosen.add(rejected).square().mean(), (float) centering));
        }
        return loss;
    }

    /** {@code mean((prediction − target)²)}. */
    public static NDArray mse(NDArray predictions, NDArray targets) {
        return predictions.sub(targets).square().mean();
    }
}
