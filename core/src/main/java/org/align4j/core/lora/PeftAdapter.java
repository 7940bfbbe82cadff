package org.align4j.core.lora;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.align4j.core.io.KeyMapping;
import org.align4j.core.io.SafeTensorsFile;
import org.align4j.core.io.SafeTensorsWriter;
import org.align4j.core.io.TensorDType;
import org.align4j.core.nn.Module;

/**
 * LoRA adapters in PEFT's on-disk format, so that {@code PeftModel.from_pretrained(base, dir)} loads
 * what align4j trains and the other way round: {@code adapter_config.json} ({@code peft_type: LORA},
 * {@code r}, {@code lora_alpha}, {@code target_modules}, {@code fan_in_fan_out}, …) and
 * {@code adapter_model.safetensors} with keys {@code base_model.model.<module>.lora_A.weight} (r, in)
 * and {@code ...lora_B.weight} (out, r).
 */
public final class PeftAdapter {
    public static final String CONFIG = "adapter_config.json";
    public static final String WEIGHTS = "adapter_model.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PeftAdapter() {}

    /**
     * Writes the adapter config and weights into {@code dir} (which must exist).
     *
     * @param taskType PEFT's task type: CAUSAL_LM, or SEQ_CLS for a reward model
     * @param baseModel the base model's path or hub id, recorded as {@code base_model_name_or_path}
     */
    public static void save(LoraModel lora, Path dir, String taskType, String baseModel) {
        LoraConfig c = lora.config();
        ObjectNode cfg = JSON.createObjectNode();
        cfg.put("peft_type", "LORA");
        cfg.put("task_type", taskType);
        cfg.put("base_model_name_or_path", baseModel);
        cfg.put("r", c.r());
        if (c.alpha() == Math.rint(c.alpha())) {
            cfg.put("lora_alpha", (long) c.alpha());
        } else {
            cfg.put("lora_alpha", c.alpha());
        }
        cfg.put("lora_dropout", c.dropout());
        Set<String> names = new LinkedHashSet<>();
        lora.layers().keySet().forEach(p -> names.add(LoraModel.lastSegment(p)));
        ArrayNode targets = cfg.putArray("target_modules");
        names.stream().sorted().forEach(targets::add);
        cfg.put("fan_in_fan_out", lora.fanInFanOut());
        cfg.put("bias", "none");
        cfg.put("inference_mode", true);
        cfg.put("init_lora_weights", true);
        cfg.put("use_rslora", false);
        cfg.put("use_dora", false);
        cfg.putNull("modules_to_save");
        cfg.putNull("layers_to_transform");
        cfg.putNull("layers_pattern");
        cfg.putObject("rank_pattern");
        cfg.putObject("alpha_pattern");
        cfg.putNull("revision");
        try {
            JSON.writeValue(dir.resolve(CONFIG).toFile(), cfg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        lora.namedParameters().forEach((k, p) -> tensors.put(k, p.getArray()));
        SafeTensorsWriter.write(dir.resolve(WEIGHTS), tensors, TensorDType.F32);
    }

    /** Reads {@code adapter_config.json} into a {@link LoraConfig}, rejecting what align4j cannot apply. */
    public static LoraConfig readConfig(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no " + CONFIG + " (is this a PEFT LoRA adapter directory?)");
        }
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        String type = n.path("peft_type").asText("");
        if (!type.equals("LORA")) {
            throw new IllegalArgumentException(file + ": peft_type is '" + type + "'; only LORA adapters are supported");
        }
        for (String f : new String[] {"use_dora", "use_rslora"}) {
            if (n.path(f).asBoolean(false)) {
                throw new IllegalArgumentException(file + ": " + f + " is true; align4j applies plain LoRA only");
            }
        }
        for (String f : new String[] {"rank_pattern", "alpha_pattern"}) {
            if (n.path(f).size() > 0) {
                throw new IllegalArgumentException(file + ": " + f + " is set; per-layer ranks are not supported");
            }
        }
        if (!n.path("bias").asText("none").equals("none")) {
            throw new IllegalArgumentException(file + ": bias is '" + n.path("bias").asText()
                    + "'; only bias: none is supported");
        }
        if (!n.path("r").canConvertToInt() || !n.path("lora_alpha").isNumber()) {
            throw new IllegalArgumentException(file + ": needs numeric fields r and lora_alpha");
        }
        List<String> targets = new ArrayList<>();
        JsonNode t = n.path("target_modules");
        if (t.isArray()) {
            t.forEach(x -> targets.add(x.asText()));
        } else if (t.isTextual()) {
            targets.add(t.asText()); // a regex in PEFT; the weight keys decide which layers are loaded
        }
        if (targets.isEmpty()) {
            targets.add(LoraConfig.ALL_LINEAR);
        }
        return new LoraConfig(n.path("r").asInt(), n.path("lora_alpha").asDouble(), n.path("lora_dropout").asDouble(0),
                targets);
    }

    /**
     * Attaches the adapter in {@code dir} to {@code model} (freezing it): the layers named by the
     * weight keys, with the weights loaded.
     */
    public static LoraModel load(Module model, KeyMapping keys, Path dir) {
        LoraConfig config = readConfig(dir);
        Path file = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no " + WEIGHTS + " (adapter_model.bin is not read; "
                    + "save the adapter with safe_serialization=True)");
        }
        SafeTensorsFile st = SafeTensorsFile.open(file);
        Map<String, String> keyToPath = new LinkedHashMap<>();
        for (String key : st.tensors().keySet()) {
            String k = key.replace(".lora_A.default.", ".lora_A.").replace(".lora_B.default.", ".lora_B.");
            if (!k.startsWith(LoraModel.PREFIX) || !(k.endsWith(".lora_A.weight") || k.endsWith(".lora_B.weight"))) {
                throw new IllegalArgumentException(file + ": tensor '" + key + "' is not a LoRA weight "
                        + "(base_model.model.<module>.lora_A.weight / lora_B.weight)");
            }
            String module = k.substring(LoraModel.PREFIX.length(), k.length() - ".lora_A.weight".length());
            String name = keys.toModel(module + ".weight");
            if (name == null) {
                throw new IllegalArgumentException(file + ": tensor '" + key + "' targets '" + module
                        + "', which this model does not have as a layer");
            }
            keyToPath.put(key, name.substring(0, name.length() - ".weight".length()));
        }
        LoraModel lora = LoraModel.attach(model, keys, config, new LinkedHashSet<>(keyToPath.values()));
        try (NDManager tmp = NDManager.newBaseManager()) {
            for (Map.Entry<String, String> e : keyToPath.entrySet()) {
                LoraLayer layer = lora.layers().get(e.getValue());
                boolean isA = e.getKey().contains(".lora_A.");
                NDArray target = (isA ? layer.loraA() : layer.loraB()).getArray();
                NDArray loaded = st.load(e.getKey(), tmp);
                if (!loaded.getShape().equals(target.getShape())) {
                    throw new IllegalArgumentException(file + ": '" + e.getKey() + "' has shape " + loaded.getShape()
                            + " but this model and r=" + config.r() + " need " + target.getShape());
                }
                loaded.copyTo(target);
            }
        } catch (RuntimeException e) {
            lora.close();
            throw e;
        }
        return lora;
    }

    /** Copies the adapter weights in {@code dir} into the already attached {@code lora} (resume). */
    public static void loadWeightsInto(LoraModel lora, Path dir) {
        SafeTensorsFile st = SafeTensorsFile.open(dir.resolve(WEIGHTS));
        try (NDManager tmp = NDManager.newBaseManager()) {
            for (Map.Entry<String, ai.djl.nn.Parameter> e : lora.namedParameters().entrySet()) {
                if (!st.tensors().containsKey(e.getKey())) {
                    throw new IllegalArgumentException(dir.resolve(WEIGHTS) + ": no tensor '" + e.getKey()
                            + "'; was this adapter trained with the same lora.target_modules?");
                }
                NDArray loaded = st.load(e.getKey(), tmp);
                if (!loaded.getShape().equals(e.getValue().getArray().getShape())) {
                    throw new IllegalArgumentException(dir.resolve(WEIGHTS) + ": '" + e.getKey() + "' has shape "
                            + loaded.getShape() + ", expected " + e.getValue().getArray().getShape() + " (same lora.r?)");
                }
                loaded.copyTo(e.getValue().getArray());
            }
        }
    }
}
