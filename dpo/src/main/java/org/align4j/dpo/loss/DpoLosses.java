package org.align4j.dpo.loss;

import ai.djl.ndarray.NDArray;
import org.align4j.core.nn.LogSigmoid;
import org.align4j.core.nn.Scalars;

/**
 * Losses of Direct Preference Optimization and its variants, as pure functions of summed response
 * log-probs (B). With {@code h = β[(log πθ(y_w|x) − log πref(y_w|x)) − (log πθ(y_l|x) − log πref(y_l|x))]}:
 * <ul>
 *   <li>sigmoid (Rafailov et al. 2023, eq. 7), with label smoothing ε (conservative DPO, Mitchell 2023):
 *       {@code −(1−ε) log σ(h) − ε log σ(−h)};</li>
 *   <li>IPO (Azar et al. 2023, eq. 17): {@code (h/β − 1/(2β))²};</li>
 *   <li>hinge (Zhao et al. 2023, SLiC): {@code relu(1 − h)}.</li>
 * </ul>
 * The rewards logged are {@code β(log πθ − log πref)} of each answer.
 */
public final class DpoLosses {
    private DpoLosses() {}

    /** The DPO logit {@code h} (B). */
    public static NDArray logits(NDArray policyChosen, NDArray policyRejected, NDArray refChosen, NDArray refRejected,
            double beta) {
        NDArray chosenRatio = policyChosen.sub(refChosen);
        NDArray rejectedRatio = policyRejected.sub(refRejected);
        return Scalars.muli(chosenRatio.sub(rejectedRatio), beta);
    }

    public static PreferenceLoss sigmoid(NDArray policyChosen, NDArray policyRejected, NDArray refChosen,
            NDArray refRejected, double beta, double labelSmoothing) {
        NDArray h = logits(policyChosen, policyRejected, refChosen, refRejected, beta);
        NDArray losses = Scalars.muli(LogSigmoid.of(h), -(1 - labelSmoothing));
        if (labelSmoothing > 0) {
            losses = losses.sub(Scalars.muli(LogSigmoid.of(h.neg()), labelSmoothing));
        }
        return withRewards(losses, policyChosen, policyRejected, refChosen, refRejected, beta);
    }

    public static PreferenceLoss ipo(NDArray policyChosen, NDArray policyRejected, NDArray refChosen,
            NDArray refRejected, double beta) {
        NDArray h = logits(policyChosen, policyRejected, refChosen, refRejected, beta);
        NDArray losses = Scalars.div(h, beta).subi(1.0 / (2 * beta)).square();
        return withRewards(losses, policyChosen, policyRejected, refChosen, refRejected, beta);
    }

    public static PreferenceLoss hinge(NDArray policyChosen, NDArray policyRejected, NDArray refChosen,
            NDArray refRejected, double beta) {
        NDArray h = logits(policyChosen, policyRejected, refChosen, refRejected, beta);
        NDArray losses = Scalars.maximum(h.neg().addi(1), 0);
        return withRewards(losses, policyChosen, policyRejected, refChosen, refRejected, beta);
    }

    private static PreferenceLoss withRewards(NDArray losses, NDArray policyChosen, NDArray policyRejected,
            NDArray refChosen, NDArray refRejected, double beta) {
        NDArray chosen = Scalars.muli(policyChosen.sub(refChosen), beta).stopGradient();
        NDArray rejected = Scalars.muli(policyRejected.sub(refRejected), beta).stopGradient();
        return new PreferenceLoss(losses, chosen, rejected);
    }
}
