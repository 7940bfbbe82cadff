package org.align4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.io.SafeTensorsFile;
import org.align4j.core.io.SafeTensorsWriter;
import org.align4j.core.io.TensorDType;
import org.align4j.core.train.config.Checks;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay
 * Regularization"), computed exactly as {@code torch.optim.AdamW}:
 * <pre>
 *   θ ← θ·(1 − lr·λ)                 (only parameters whose group decays)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   θ ← θ − lr/(1 − β1ᵗ) · m / (√v/√(1 − β2ᵗ) + ε)
 * </pre>
 * Each parameter is updated by one native call, DJL's {@code adamUpdate} (the PyTorch JNI's fused update:
 * about a dozen kernels, no Java temporaries), rather than a dozen DJL ops with a sub-manager each; with
 * the ε it is given scaled by {@code √(1 − β2ᵗ)} it computes the formula above. Updates happen in place on
 * the weights: the parameter arrays, or fp32 master copies of half-precision parameters
 * ({@link org.align4j.core.precision.TrainingPrecision}). The state (m, v and the step t) saves to
 * {@code optimizer.safetensors} plus {@code optimizer.json} and restores bit for bit. Parameters without a
 * gradient are skipped.
 */
public final class AdamW implements AutoCloseable {
    /** State file names inside a checkpoint's {@code training_state/}. */
    public static final String TENSORS = "optimizer.safetensors";
    public static final String META = "optimizer.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Hyper-parameters other than the learning rate (which the schedule gives each step). */
    public record Hyper(double beta1, double beta2, double eps, double weightDecay) {
        public Hyper {
            Checks.fraction("adam_beta1", beta1);
            Checks.fraction("adam_beta2", beta2);
            if (!(eps > 0)) {
                throw new IllegalArgumentException("adam_eps: must be > 0, got " + eps);
            }
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("weight_decay: must be >= 0, got " + weightDecay);
            }
        }
    }

    /** One updated array: the weight (a parameter array or its master copy) and its moments. */
    private record Slot(TrainableParameter param, NDArray weight, NDArray m, NDArray v) {}

    private final Hyper hyper;
    private final NDManager manager;
    private final List<Slot> slots = new ArrayList<>();
    private long step;

    /** Zero moments for every parameter in {@code params}, allocated next to them; updates the parameter arrays. */
    public AdamW(List<TrainableParameter> params, Hyper hyper) {
        this(params, params.stream().map(p -> p.parameter().getArray()).toList(), hyper);
    }

    /**
     * Zero moments for every weight in {@code weights}, which the optimizer updates in place: {@code weights[i]}
     * stands for {@code params[i]} (same shape; e.g. its float32 master copy), its gradient given to
     * {@link #step(double, List, float)}.
     */
    public AdamW(List<TrainableParameter> params, List<NDArray> weights, Hyper hyper) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("nothing to train: no parameter requires a gradient");
        }
        this.hyper = hyper;
        this.manager = NDManager.newBaseManager(params.get(0).parameter().getArray().getDevice());
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (TrainableParameter p : params) {
            if (names.put(p.name(), true) != null) {
                throw new IllegalArgumentException("two trainable parameters are named '" + p.name() + "'");
            }
        }
        if (weights.size() != params.size()) {
            throw new IllegalArgumentException(params.size() + " parameters but " + weights.size() + " weights");
        }
        for (int i = 0; i < params.size(); i++) {
            NDArray a = weights.get(i);
            if (!a.getShape().equals(params.get(i).parameter().getArray().getShape())) {
                throw new IllegalArgumentException("weight " + i + " has shape " + a.getShape() + " but parameter '"
                        + params.get(i).name() + "' has " + params.get(i).parameter().getArray().getShape());
            }
            slots.add(new Slot(params.get(i), a, manager.zeros(a.getShape(), a.getDataType()),
                    manager.zeros(a.getShape(), a.getDataType())));
        }
    }

    /** Optimizer steps taken so far (t). */
    public long steps() {
        return step;
    }

    public Hyper hyper() {
        return hyper;
    }

    /** The parameters this optimizer updates, in order. */
    public List<TrainableParameter> parameters() {
        return slots.stream().map(Slot::param).toList();
    }

    /** The parameter arrays, for gradient clipping. */
    public List<NDArray> arrays() {
        return slots.stream().map(s -> s.param().parameter().getArray()).toList();
    }

    /** The arrays this optimizer updates: the parameter arrays, or the weights given at construction. */
    public List<NDArray> weights() {
        return slots.stream().map(Slot::weight).toList();
    }

    /** Bytes held by the moments (two per trainable element). */
    public long stateBytes() {
        long total = 0;
        for (Slot s : slots) {
            total += 2L * s.m().size() * s.m().getDataType().getNumOfBytes();
        }
        return total;
    }

    /** One update of every weight with a gradient (its own, accumulated by autograd), at learning rate {@code lr}. */
    public void step(double lr) {
        step++;
        for (Slot s : slots) {
            NDArray g = Gradients.of(s.weight());
            if (g != null) {
                try (g) {
                    update(s, g, lr, 1f);
                }
            }
        }
    }

    /**
     * One update at learning rate {@code lr} with the given gradients: {@code grads[i]} (or null: no update) is
     * the gradient of weight i, multiplied by {@code gradScale} before use (unscaling a loss scale, clipping).
     */
    public void step(double lr, List<NDArray> grads, float gradScale) {
        if (grads.size() != slots.size()) {
            throw new IllegalArgumentException(slots.size() + " weights but " + grads.size() + " gradients");
        }
        step++;
        for (int i = 0; i < slots.size(); i++) {
            if (grads.get(i) != null) {
                update(slots.get(i), grads.get(i), lr, gradScale);
            }
        }
    }

    private void update(Slot s, NDArray g, double lr, float gradScale) {
        double bc1 = 1.0 - Math.pow(hyper.beta1(), step);
        double bc2Sqrt = Math.sqrt(1.0 - Math.pow(hyper.beta2(), step));
        float decay = s.param().decay() ? (float) hyper.weightDecay() : 0f;
        // The native update: w −= w·lr·λ; m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; w −= c·m/(√v + ε') with
        // c = lr·√(1−β2ᵗ)/(1−β1ᵗ). With ε' = ε·√(1−β2ᵗ) that is torch's lr/(1−β1ᵗ)·m/(√v/√(1−β2ᵗ) + ε).
        // Clipping below 0 is off; the gradient is copied (scaled) before use, never changed. The call ends
        // by zeroing the weight's own gradient.
        s.weight().getNDArrayInternal().adamUpdate(new NDList(s.weight(), g, s.m(), s.v()), new NDList(s.weight()),
                (float) lr, (float) (lr * bc2Sqrt / bc1), decay, gradScale, -1f, (float) hyper.beta1(),
                (float) hyper.beta2(), (float) (hyper.eps() * bc2Sqrt), false, true);
    }

    /** Sets every parameter's accumulated gradient to zero (call after each step). */
    public void zeroGrad() {
        for (Slot s : slots) {
            Gradients.zero(s.param().parameter().getArray());
        }
    }

    /** Writes {@link #TENSORS} and {@link #META} into {@code dir}. */
    public void save(Path dir) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        ObjectNode meta = JSON.createObjectNode();
        meta.put("step", step);
        meta.put("beta1", hyper.beta1());
        meta.put("beta2", hyper.beta2());
        meta.put("eps", hyper.eps());
        meta.put("weight_decay", hyper.weightDecay());
        ArrayNode params = meta.putArray("parameters");
        for (Slot s : slots) {
            tensors.put("exp_avg." + s.param().name(), s.m());
            tensors.put("exp_avg_sq." + s.param().name(), s.v());
            params.addObject().put("name", s.param().name()).put("decay", s.param().decay());
        }
        SafeTensorsWriter.write(dir.resolve(TENSORS), tensors, TensorDType.F32);
        StateFile.write(dir, META, meta);
    }

    /** Restores the state written by {@link #save} for the same parameters. */
    public void load(Path dir) {
        Path metaFile = dir.resolve(META);
        JsonNode meta;
        try {
            meta = JSON.readTree(Files.readString(metaFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read optimizer state " + metaFile + ": " + e.getMessage(), e);
        }
        List<String> saved = new ArrayList<>();
        meta.path("parameters").forEach(p -> saved.add(p.path("name").asText()));
        List<String> mine = slots.stream().map(s -> s.param().name()).toList();
        if (!saved.equals(mine)) {
            List<String> missing = new ArrayList<>(mine);
            missing.removeAll(saved);
            List<String> extra = new ArrayList<>(saved);
            extra.removeAll(mine);
            throw new IllegalArgumentException(metaFile + ": optimizer state was saved for other trainable parameters"
                    + " (not in the checkpoint: " + head(missing) + "; only in the checkpoint: " + head(extra)
                    + "); resume with the configuration of that run (model, lora) or start a new output_dir");
        }
        SafeTensorsFile file = SafeTensorsFile.open(dir.resolve(TENSORS));
        try (NDManager tmp = manager.newSubManager()) {
            for (Slot s : slots) {
                copy(file, "exp_avg." + s.param().name(), s.m(), tmp);
                copy(file, "exp_avg_sq." + s.param().name(), s.v(), tmp);
            }
        }
        step = meta.path("step").asLong();
    }

    private static void copy(SafeTensorsFile file, String key, NDArray into, NDManager tmp) {
        NDArray loaded = file.load(key, tmp);
        if (!loaded.getShape().equals(into.getShape())) {
            throw new IllegalArgumentException(file.file() + ": '" + key + "' has shape " + loaded.getShape()
                    + " but the parameter has " + into.getShape());
        }
        loaded.toType(into.getDataType(), false).copyTo(into);
    }

    private static String head(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " and " + (names.size() - 5) + " more";
    }

    @Override
    public void close() {
        manager.close();
    }
}
