package org.align4j.dpo.loss;

import ai.djl.ndarray.NDArray;
import org.align4j.core.nn.LogSigmoid;
import org.align4j.core.nn.Scalars;

/**
 * Preference losses that need no reference model, for users without memory for one. Inputs are
 * length-averaged response log-probs (B): {@code (1/|y|) Σ log πθ(y_t | x, y_<t)}.
 * <ul>
 *   <li>SimPO (Meng et al. 2024, eq. 6): {@code −log σ(β·(avg_w − avg_l) − γ)}, rewards {@code β·avg}.</li>
 *   <li>ORPO (Hong et al. 2024, eqs. 6–7): {@code NLL(y_w) − λ log σ(log odds(y_w) − log odds(y_l))} with
 *       {@code odds(y) = P/(1−P)}, {@code P = exp(avg)}; rewards {@code β·avg} as in TRL.</li>
 * </ul>
 */
public final class ReferenceFreeLosses {
    private ReferenceFreeLosses() {}

    public static PreferenceLoss simpo(NDArray avgChosen, NDArray avgRejected, double beta, double gammaMargin) {
        NDArray h = Scalars.muli(avgChosen.sub(avgRejected), beta).subi(gammaMargin);
        NDArray losses = LogSigmoid.of(h).neg();
        return new PreferenceLoss(losses, Scalars.mul(avgChosen, beta).stopGradient(),
                Scalars.mul(avgRejected, beta).stopGradient());
    }

    /**
     * @param chosenNll (B) the mean token negative log-likelihood of the chosen answer (the SFT term)
     * @param lambda weight of the odds-ratio term
     */
    public static PreferenceLoss orpo(NDArray avgChosen, NDArray avgRejected, NDArray chosenNll, double lambda,
            double beta) {
        NDArray logOdds = avgChosen.sub(avgRejected)
                .subi(log1mExp(avgChosen).sub(log1mExp(avgRejected))); // log odds(y_w) − log odds(y_l)
        NDArray losses = chosenNll.sub(Scalars.muli(LogSigmoid.of(logOdds), lambda));
        return new PreferenceLoss(losses, Scalars.mul(avgChosen, beta).stopGradient(),
                Scalars.mul(avgRejected, beta).stopGradient());
    }

    /** {@code log(1 − e^x)} for x &lt; 0. */
    static NDArray log1mExp(NDArray x) {
        return Scalars.maximum(x.exp().neg().addi(1), 1e-12f).log();
    }
}
