package org.align4j.core.precision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.train.AdamW;
import org.align4j.core.train.GradientClipping;
import org.align4j.core.train.Gradients;
import org.align4j.core.train.NonFiniteTrainingException;
import org.align4j.core.train.TrainableParameter;

/**
 * The optimizer side of a training precision. In {@link Precision#FP32} it is {@link AdamW} on the parameters,
 * with global-norm clipping. In {@link Precision#FP16} (mixed precision, Micikevicius et al. 2018):
 * <ul>
 *   <li>the models' weights (frozen ones included: a LoRA base) are held in fp16, so that matmuls and
 *       activations run in fp16;</li>
 *   <li>each trained parameter has a float32 master copy; AdamW's moments are float32 and it updates the
 *       masters, which are then copied (rounded) into the fp16 weights;</li>
 *   <li>the loss is multiplied by the {@link LossScaler}'s scale before backward; the fp16 gradients are
 *       widened to float32, their norm (divided by the scale) decides overflow: an overflowing step is
 *       skipped and the scale shrinks; otherwise unscaling and clipping are folded into one factor of the
 *       fused update.</li>
 * </ul>
 * Saving and loading weights see the float32 masters ({@link #withMasterWeights}), so a checkpoint of a
 * half-precision run holds the exact weights, and resuming with the saved scaler state continues exactly.
 */
public final class TrainingPrecision implements AutoCloseable {
    /** An action on the model's weights that may fail with an I/O error (saving, loading). */
    @FunctionalInterface
    public interface WeightsAction {
        void run() throws IOException;
    }

    /**
     * What one optimizer step did.
     *
     * @param gradNorm the global gradient norm before clipping (unscaled); not finite when the step was skipped
     * @param skipped whether the gradients overflowed and no update was made
     * @param lossScale the scale the next step's loss is multiplied by (1 in fp32)
     */
    public record StepOutcome(double gradNorm, boolean skipped, double lossScale) {}

    private final Precision precision;
    private final List<TrainableParameter> params;
    private final AdamW adam;
    private final NDManager masterManager;
    private final List<NDArray> masters;
    private final LossScaler scaler;

    private TrainingPrecision(Precision precision, List<TrainableParameter> params, AdamW adam, NDManager masterManager,
            List<NDArray> masters, LossScaler scaler) {
        this.precision = precision;
        this.params = params;
        this.adam = adam;
        this.masterManager = masterManager;
        this.masters = masters;
        this.scaler = scaler;
    }

    /**
     * Prepares training in {@code precision}: in fp16, makes float32 masters of {@code params} and converts
     * {@code computeWeights} (every weight the forward pass uses) and {@code params} to fp16.
     */
    public static TrainingPrecision create(Precision precision, List<TrainableParameter> params,
            Collection<Parameter> computeWeights, AdamW.Hyper hyper, LossScaler scaler) {
        if (precision == Precision.FP32) {
            return new TrainingPrecision(precision, params, new AdamW(params, hyper), null, List.of(), null);
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("nothing to train: no parameter requires a gradient");
        }
        NDManager mm = NDManager.newBaseManager(params.get(0).parameter().getArray().getDevice());
        List<NDArray> masters = new ArrayList<>();
        try (NoGrad ignored = NoGrad.enter()) {
            for (TrainableParameter p : params) {
                NDArray master = p.parameter().getArray().toType(DataType.FLOAT32, true);
                master.attach(mm);
                masters.add(master);
            }
        }
        Set<Parameter> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(computeWeights);
        params.forEach(p -> all.add(p.parameter()));
        ParameterArrays.cast(all, precision.dataType());
        return new TrainingPrecision(precision, params, new AdamW(params, masters, hyper), mm, masters, scaler);
    }

    /** fp16 training with GradScaler's default scaler. */
    public static TrainingPrecision create(Precision precision, List<TrainableParameter> params,
            Collection<Parameter> computeWeights, AdamW.Hyper hyper) {
        return create(precision, params, computeWeights, hyper, precision == Precision.FP16 ? new LossScaler() : null);
    }

    public Precision precision() {
        return precision;
    }

    /** The factor the loss is multiplied by before backward (1 in fp32). */
    public double lossScale() {
        return scaler == null ? 1.0 : scaler.scale();
    }

    /** Optimizer steps taken (skipped ones not counted). */
    public long optimizerSteps() {
        return adam.steps();
    }

    /** Steps skipped for overflow so far (0 in fp32). */
    public long skippedSteps() {
        return scaler == null ? 0 : scaler.skippedSteps();
    }

    /** Bytes of optimizer state plus master weights. */
    public long stateBytes() {
        long masterBytes = masters.stream().mapToLong(m -> m.size() * 4).sum();
        return adam.stateBytes() + masterBytes;
    }

    /**
     * Clips, updates and zeroes the gradients: one optimizer step at learning rate {@code lr}.
     *
     * @param step the step number, named in errors
     * @throws NonFiniteTrainingException in fp32 when the gradient norm is not finite
     */
    public StepOutcome step(double lr, double maxGradNorm, long step) {
        if (scaler == null) {
            double norm = GradientClipping.clipGlobalNorm(adam.arrays(), maxGradNorm, step);
            adam.step(lr);
            adam.zeroGrad();
            return new StepOutcome(norm, false, 1.0);
        }
        double scale = scaler.scale();
        try (NDManager sub = masterManager.newSubManager()) {
            List<NDArray> grads = new ArrayList<>(params.size());
            for (TrainableParameter p : params) {
                NDArray g = Gradients.of(p.parameter().getArray());
                if (g == null) {
                    grads.add(null);
                    continue;
                }
                g.attach(sub); // the handle, not the gradient, closes with sub
                grads.add(g.toType(DataType.FLOAT32, false)); // (scaled) float32 copy, on sub
            }
            double norm = GradientClipping.globalNorm(grads) / scale;
            boolean finite = Double.isFinite(norm);
            scaler.update(finite, step);
            if (finite) {
                float factor = (float) (GradientClipping.coefficient(norm, maxGradNorm) / scale);
                adam.step(lr, grads, factor);
                copyMastersToWeights();
            }
            adam.zeroGrad();
            return new StepOutcome(norm, !finite, scaler.scale());
        }
    }

    /** Rounds the float32 masters into the fp16 weights, in place (the weights keep their gradient flag). */
    private void copyMastersToWeights() {
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).parameter().getArray().set(new NDIndex("..."), masters.get(i));
            }
        }
    }

    /** Sets every trained parameter's gradient to zero. */
    public void zeroGrad() {
        adam.zeroGrad();
    }

    /**
     * Runs {@code action} with the trained parameters holding their float32 masters instead of their fp16
     * weights, so that what it saves is exact and what it loads lands in the masters (then copied into the
     * fp16 weights). In fp32 it just runs {@code action}.
     */
    public void withMasterWeights(WeightsAction action) throws IOException {
        if (scaler == null) {
            action.run();
            return;
        }
        List<NDArray> halves = new ArrayList<>(params.size());
        try {
            for (int i = 0; i < params.size(); i++) {
                halves.add(ParameterArrays.swap(params.get(i).parameter(), masters.get(i)));
            }
            action.run();
        } finally {
            for (int i = 0; i < halves.size(); i++) {
                ParameterArrays.swap(params.get(i).parameter(), halves.get(i));
            }
            copyMastersToWeights();
        }
    }

    /** {@link #withMasterWeights} for actions that throw no checked exception. */
    public void withMasterWeightsUnchecked(WeightsAction action) {
        try {
            withMasterWeights(action);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the optimizer state (and the loss scaler's) into {@code dir}. */
    public void save(Path dir) {
        adam.save(dir);
        if (scaler != null) {
            scaler.save(dir);
        }
    }

    /**
     * Restores what {@link #save} wrote.
     *
     * @return false when this is an fp16 run and {@code dir} holds no scaler state (written in fp32): the
     *     scale starts afresh
     */
    public boolean load(Path dir) {
        adam.load(dir);
        return scaler == null || scaler.load(dir);
    }

    @Override
    public void close() {
        adam.close();
        if (masterManager != null) {
            masterManager.close();
        }
    }
}
