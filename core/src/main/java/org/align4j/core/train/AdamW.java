package org.align4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay
 * Regularization"), computed exactly as {@code torch.optim.AdamW}:
 * <pre>
 *   θ ← θ·(1 − lr·λ)                 (only parameters whose group decays)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   θ ← θ − lr/(1 − β1ᵗ) · m / (√v/√(1 − β2ᵗ) + ε)
 * </pre>
 * Updates happen in place on the parameter arrays, each parameter's temporaries in a sub-manager
 * closed right after. The state (m, v and the step t) saves to {@code optimizer.safetensors} plus
 * {@code optimizer.json} and restores bit for bit. Parameters without a gradient are skipped.
 */
public final class AdamW implements AutoCloseable {
    /** State file names inside a checkpoint's {@code training_state/}. */
    public static final String TENSORS = "optimizer.safetensors";
    public static final String META = "optimizer.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Hyper-parameters other than the learning rate (which the schedule gives each step). */
    public record Hyper(double beta1, double beta2, double eps, double weightDecay) {
        public Hyper {
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("adam_beta1: must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("adam_beta2: must be in [0, 1), got " + beta2);
            }
            if (!(eps > 0)) {
                throw new IllegalArgumentException("adam_eps: must be > 0, got " + eps);
            }
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("weight_decay: must be >= 0, got " + weightDecay);
            }
        }
    }

    private record Slot(TrainableParameter param, NDArray m, NDArray v) {}

    private final Hyper hyper;
    private final NDManager manager;
    private final List<Slot> slots = new ArrayList<>();
    private long step;

    /** Zero moments for every parameter in {@code params}, allocated next to them. */
    public AdamW(List<TrainableParameter> params, Hyper hyper) {
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
            NDArray a = p.parameter().getArray();
            slots.add(new Slot(p, manager.zeros(a.getShape(), a.getDataType()), manager.zeros(a.getShape(), a.getDataType())));
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

    /** Bytes held by the moments (two per trainable element). */
    public long stateBytes() {
        long total = 0;
        for (Slot s : slots) {
            total += 2L * s.m().size() * s.m().getDataType().getNumOfBytes();
        }
        return total;
    }

    /** One update of every parameter with a gradient, at learning rate {@code lr}. */
    public void step(double lr) {
        step++;
        double bc1 = 1.0 - Math.pow(hyper.beta1(), step);
        double bc2Sqrt = Math.sqrt(1.0 - Math.pow(hyper.beta2(), step));
        float decay = (float) (1.0 - lr * hyper.weightDecay());
        float b1 = (float) hyper.beta1();
        float b2 = (float) hyper.beta2();
        for (Slot s : slots) {
            NDArray p = s.param().parameter().getArray();
            try (NDManager sub = manager.newSubManager()) {
                // p, m and v visit sub so that every temporary below lands there; they return on close.
                sub.tempAttachAll(p, s.m(), s.v());
                NDArray g = Gradients.of(p); // a handle owned by sub
                if (g == null) {
                    continue;
                }
                if (s.param().decay() && hyper.weightDecay() > 0) {
                    p.muli(decay);
                }
                s.m().muli(b1).addi(g.mul(1 - b1));
                s.v().muli(b2).addi(g.square().muli(1 - b2));
                NDArray denom = s.v().sqrt().divi((float) bc2Sqrt).addi((float) hyper.eps());
                p.subi(s.m().div(denom).muli((float) (lr / bc1)));
            }
        }
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
        try {
            JSON.writeValue(dir.resolve(META).toFile(), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(META) + ": " + e.getMessage(), e);
        }
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
