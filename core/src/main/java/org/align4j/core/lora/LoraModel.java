package org.align4j.core.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.nn.Conv1D;
import org.align4j.core.nn.LinearLayer;
import org.align4j.core.nn.Module;
import org.align4j.core.nn.OutputAdapter;
import org.align4j.core.train.TrainableParameter;

/**
 * LoRA adapters attached to a model's linear layers. The base parameters are frozen (no gradient,
 * no optimizer state); only the adapters train. Adapters can be switched off ({@link #setEnabled}) so
 * that DPO and PPO use the base model as the frozen reference without a second copy, and merged into
 * the base weights ({@link #merge}). Adapter parameters are named with PEFT's keys, e.g.
 * {@code base_model.model.transformer.h.0.attn.c_attn.lora_A.weight}.
 */
public final class LoraModel implements AutoCloseable {
    /** The PEFT prefix of every adapter key. */
    public static final String PREFIX = "base_model.model.";
    /** Output heads that {@code all-linear} leaves out, as PEFT does. */
    public static final Set<String> OUTPUT_HEADS = Set.of("lm_head", "classifier", "score");

    private final Module model;
    private final LoraConfig config;
    private final NDManager manager;
    private final Map<String, LoraLayer> layers = new LinkedHashMap<>(); // module path → adapter
    private final Map<String, Module> bases = new LinkedHashMap<>();
    private final Map<String, String> peftNames = new LinkedHashMap<>(); // module path → PEFT module name
    private volatile boolean enabled = true;
    private volatile boolean training;
    private boolean closed;
    private boolean fanInFanOut;

    private LoraModel(Module model, LoraConfig config, NDManager manager) {
        this.model = model;
        this.config = config;
        this.manager = manager;
    }

    /**
     * Freezes {@code model} and attaches fresh adapters to the layers {@code config} targets. The
     * engine's random seed decides A's initialisation.
     *
     * @param keys the model's checkpoint key mapping (for PEFT names)
     */
    public static LoraModel apply(Module model, KeyMapping keys, LoraConfig config) {
        return attach(model, keys, config, targets(model, config.targetModules()));
    }

    /** Like {@link #apply}, on the layers at the given module paths. */
    public static LoraModel attach(Module model, KeyMapping keys, LoraConfig config, Collection<String> modulePaths) {
        Map<String, Module> all = model.namedModules();
        for (Module m : all.values()) {
            if (adapterOf(m) != null) {
                throw new IllegalStateException("the model already has adapters attached; merge or close them first");
            }
        }
        LoraModel lora = new LoraModel(model, config, NDManager.newBaseManager());
        try {
            model.setTrainable(false);
            boolean anyConv = false;
            for (String path : modulePaths) {
                if (!(all.get(path) instanceof LinearLayer base)) {
                    throw new IllegalArgumentException("'" + path + "' is not a linear layer of this model");
                }
                boolean conv = base instanceof Conv1D;
                anyConv |= conv;
                LoraLayer layer = new LoraLayer(lora, base.inFeatures(), base.outFeatures(), config.r(), conv);
                layer.initializeWeights(lora.manager);
                String ckpt = keys.toCheckpoint(path + ".weight");
                lora.peftNames.put(path, ckpt.substring(0, ckpt.length() - ".weight".length()));
                lora.layers.put(path, layer);
                lora.bases.put(path, base);
                base.setAdapter(layer);
            }
            lora.fanInFanOut = anyConv;
            return lora;
        } catch (RuntimeException e) {
            lora.close();
            model.setTrainable(true);
            throw e;
        }
    }

    /** The module paths of the linear layers that {@code targets} select, in model order. */
    public static List<String> targets(Module model, List<String> targets) {
        Map<String, Module> linear = new LinkedHashMap<>();
        model.namedModules().forEach((path, m) -> {
            if (m instanceof LinearLayer) {
                linear.put(path, m);
            }
        });
        Set<String> chosen = new LinkedHashSet<>();
        if (targets.equals(List.of(LoraConfig.ALL_LINEAR))) {
            linear.keySet().stream().filter(p -> !OUTPUT_HEADS.contains(lastSegment(p))).forEach(chosen::add);
        } else {
            for (String t : targets) {
                List<String> hits = linear.keySet().stream().filter(p -> p.equals(t) || p.endsWith("." + t)).toList();
                if (hits.isEmpty()) {
                    Set<String> names = new LinkedHashSet<>();
                    linear.keySet().forEach(p -> names.add(lastSegment(p)));
                    throw new IllegalArgumentException("target_modules: '" + t + "' matches no linear layer of this model;"
                            + " its linear layers are " + names + " (or use all-linear)");
                }
                chosen.addAll(hits);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("target_modules: " + targets + " selects no linear layer of this model");
        }
        List<String> ordered = new ArrayList<>();
        linear.keySet().stream().filter(chosen::contains).forEach(ordered::add);
        return ordered;
    }

    static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static OutputAdapter adapterOf(Module m) {
        return m instanceof LinearLayer linear ? linear.adapter() : null;
    }

    public LoraConfig config() {
        return config;
    }

    public double scale() {
        return config.scale();
    }

    /** Whether adapters contribute to the forward pass (off: the plain base model). */
    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether adapter dropout is active (set by the trainer for training vs. evaluation). */
    public boolean training() {
        return training;
    }

    public void setTraining(boolean training) {
        this.training = training;
    }

    /** Whether any adapted layer stores its weight as (in, out) (GPT-2's Conv1D): PEFT's {@code fan_in_fan_out}. */
    public boolean fanInFanOut() {
        return fanInFanOut;
    }

    /** The adapters by module path ({@code h.0.attn.c_attn}). */
    public Map<String, LoraLayer> layers() {
        return java.util.Collections.unmodifiableMap(layers);
    }

    /** The PEFT module name of an adapted path ({@code transformer.h.0.attn.c_attn}). */
    public String peftModuleName(String path) {
        return peftNames.get(path);
    }

    /** The adapter parameters under their PEFT keys ({@code base_model.model.<module>.lora_A.weight}). */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        layers.forEach((path, layer) -> layer.namedParameters()
                .forEach((n, p) -> out.put(PREFIX + peftNames.get(path) + "." + n, p)));
        return out;
    }

    /** The adapter parameters for AdamW, all in the decay group (as Hugging Face's Trainer treats LoRA weights). */
    public List<TrainableParameter> trainableParameters() {
        List<TrainableParameter> out = new ArrayList<>();
        namedParameters().forEach((n, p) -> out.add(new TrainableParameter(n, p, true)));
        return out;
    }

    /** Elements in the adapters. */
    public long parameterCount() {
        return namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /**
     * Adds {@code scale · B A} into every adapted base weight (transposed for Conv1D) and detaches the
     * adapters: the model then computes what it computed with adapters, without them. This LoRA model
     * is closed afterwards.
     */
    public void merge() {
        try (NDManager tmp = NDManager.newBaseManager()) {
            layers.forEach((path, layer) -> {
                NDArray w = weightOf(bases.get(path));
                NDArray delta = layer.deltaWeight(tmp).toType(w.getDataType(), false);
                w.addi(delta);
            });
        }
        close();
    }

    private static NDArray weightOf(Module base) {
        return ((LinearLayer) base).weight().getArray();
    }

    /** Detaches the adapters (the model is the base model again, still frozen) and frees them. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        bases.values().forEach(b -> {
            if (b instanceof LinearLayer linear) {
                linear.setAdapter(null);
            }
        });
        manager.close();
    }
}
