package org.align4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.align4j.core.nn.Scalars;

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
            for (NDArray p : params) {
                NDArray g = Gradients.of(p);
                if (g == null) {
                    continue;
                }
                g.attach(sub); // the handle, not the gradient, is closed with sub
                grads.add(g);
            }
            if (grads.isEmpty()) {
                return 0.0;
            }
            double norm = globalNorm(grads);
            if (!Double.isFinite(norm)) {
                throw new NonFiniteTrainingException(step, "the gradient norm");
            }
            float coef = coefficient(norm, maxNorm);
            if (coef != 1f) {
                for (NDArray g : grads) {
                    Scalars.muli(g, coef);
                }
            }
            return norm;
        }
    }

    /**
     * The L2 norm over all of {@code grads} together (nulls skipped), accumulated in float32 whatever their type;
     * NaN or infinite when a gradient is. The temporaries belong to the first gradient's manager.
     */
    public static double globalNorm(List<NDArray> grads) {
        NDList squares = new NDList();
        for (NDArray g : grads) {
            if (g != null) {
                NDArray g32 = g.getDataType() == DataType.FLOAT32 ? g : g.toType(DataType.FLOAT32, false);
                squares.add(g32.square().sum());
            }
        }
        if (squares.isEmpty()) {
            return 0.0;
        }
        NDArray total = squares.size() == 1 ? squares.head() : NDArrays.stack(squares).sum();
        return Math.sqrt(total.toType(DataType.FLOAT64, false).getDouble());
    }

    /** The factor that brings a gradient of norm {@code norm} down to {@code maxNorm}: {@code max/(norm + 1e-6)}, or 1. */
    public static float coefficient(double norm, double maxNorm) {
        return maxNorm > 0 && norm > maxNorm ? (float) (maxNorm / (norm + 1e-6)) : 1f;
    }
}
