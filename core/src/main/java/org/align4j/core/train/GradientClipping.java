package org.align4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Global-norm gradient clipping (Pascanu et al. 2013), as {@code torch.nn.utils.clip_grad_norm_}:
 * the L2 norm over all gradients together, and every gradient scaled by {@code max/(norm + 1e-6)}
 * when the norm exceeds {@code max}. DJL's {@code optClipGrad} clamps element-wise, which is not this.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Computes the global gradient norm of {@code params} and clips in place.
     *
     * @param params parameter arrays (their gradients are read); arrays without a gradient are skipped
     * @param maxNorm the largest allowed norm; 0 or less only measures
     * @param step the current step, named in the error when the norm is not finite
     * @return the norm before clipping
     * @throws NonFiniteTrainingException when the norm is NaN or infinite
     */
    public static double clipGlobalNorm(Collection<NDArray> params, double maxNorm, long step) {
        if (params.isEmpty()) {
            return 0.0;
        }
        try (NDManager sub = params.iterator().next().getManager().newSubManager()) {
            List<NDArray> grads = new ArrayList<>();
            NDList squares = new NDList();
            for (NDArray p : params) {
                NDArray g = Gradients.of(p);
                if (g == null) {
                    continue;
                }
                g.attach(sub); // the handle, not the gradient, is closed with sub
                grads.add(g);
                squares.add(g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT32, false)); // results on sub
            }
            if (grads.isEmpty()) {
                return 0.0;
            }
            double norm = Math.sqrt(NDArrays.stack(squares).sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                    .getDouble());
            if (!Double.isFinite(norm)) {
                throw new NonFiniteTrainingException(step, "the gradient norm");
            }
            if (maxNorm > 0 && norm > maxNorm) {
                float coef = (float) (maxNorm / (norm + 1e-6));
                for (NDArray g : grads) {
                    g.muli(coef);
                }
            }
            return norm;
        }
    }
}
