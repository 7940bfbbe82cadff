package org.align4j.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.model.ModelConfigs;
import org.align4j.core.model.ModelFactory;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.Module;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and saves models in the Hugging Face directory layout: {@code config.json} plus
 * {@code model.safetensors} (or shards with {@code model.safetensors.index.json}).
 */
public final class HfCheckpoint {
    /** The tokenizer and generation files copied along with a model. */
    public static final List<String> SIDE_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.txt", "vocab.json", "merges.txt", "generation_config.json",
            "added_tokens.json", "align4j.json");
    /** Shard size above which weights are split over several files (transformers' default). */
    public static final long DEFAULT_MAX_SHARD_BYTES = 5L * 1000 * 1000 * 1000;

    private static final Logger LOG = LoggerFactory.getLogger(HfCheckpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_LISTED = 10;

    private HfCheckpoint() {}

    /** Loads the model in {@code dir}; its parameters live in a new manager owned by the result. */
    public static PretrainedModel load(Path dir) {
        ObjectNode json = ModelConfigs.readJson(dir);
        ModelConfig config = ModelConfigs.parse(json, dir.resolve(ModelConfigs.FILE).toString());
        NDManager manager = NDManager.newBaseManager();
        try {
            Module module = ModelFactory.create(config);
            loadWeights(module, config, dir, manager);
            return new PretrainedModel(manager, module, config, json);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A freshly initialised model of {@code config} (the engine's random seed decides the draw). */
    public static PretrainedModel initialize(ModelConfig config, ObjectNode extraConfig) {
        NDManager manager = NDManager.newBaseManager();
        try {
            Module module = ModelFactory.create(config);
            module.initializeWeights(manager);
            return new PretrainedModel(manager, module, config, ModelConfigs.toJson(config, extraConfig));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads the weights in {@code dir} into {@code module} (copied into parameters that already have
     * arrays, e.g. to resume training in place), checking names and shapes against {@code config}.
     */
    public static void loadWeights(Module module, ModelConfig config, Path dir, NDManager manager) {
        CheckpointTensors tensors = CheckpointTensors.open(dir);
        KeyMapping keys = KeyMapping.forConfig(config);
        Map<String, Shape> params = module.parameterShapes();
        Map<String, String> source = new HashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, SafeTensorsFile> e : tensors.files().entrySet()) {
            String key = e.getKey();
            String name = keys.toModel(key);
            if (name == null) {
                continue;
            }
            Shape expectedShape = params.get(name);
            if (expectedShape == null) {
                unexpected.add(key);
                continue;
            }
            if (source.containsKey(name)) {
                throw new IllegalArgumentException(dir + ": tensors '" + source.get(name) + "' and '" + key
                        + "' both map to parameter '" + name + "'; remove one of them");
            }
            TensorInfo info = tensors.info(key);
            Shape found = new Shape(info.shape());
            if (!found.equals(expectedShape)) {
                throw new IllegalArgumentException(dir + ": tensor '" + key + "' in " + info.file().getFileName()
                        + " has shape " + found + " but the config expects " + expectedShape
                        + " (does config.json belong to these weights?)");
            }
            if (!info.dtype().isFloat()) {
                throw new IllegalArgumentException(dir + ": tensor '" + key + "' has dtype " + info.dtype()
                        + "; model weights must be F32, F16, BF16 or F64");
            }
            module.assign(name, e.getValue().load(key, manager));
            source.put(name, key);
        }
        List<String> missing = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!source.containsKey(name)) {
                (keys.mayBeMissing(name) ? fresh : missing).add(keys.toCheckpoint(name));
            }
        }
        if (!unexpected.isEmpty() || !missing.isEmpty()) {
            StringBuilder msg = new StringBuilder(dir + ": checkpoint does not match its config.json ("
                    + config.modelType() + ", " + config.numLayers() + " layers)");
            if (!missing.isEmpty()) {
                msg.append("; missing tensors: ").append(list(missing));
            }
            if (!unexpected.isEmpty()) {
                msg.append("; unexpected tensors: ").append(list(unexpected));
            }
            throw new IllegalArgumentException(msg.toString());
        }
        if (!fresh.isEmpty()) {
            LOG.warn("{}: {} not in the checkpoint; initialised freshly (train before use)", dir, fresh);
            module.initializeWeights(manager);
        }
    }

    private static String list(List<String> names) {
        return names.size() <= MAX_LISTED ? names.toString()
                : names.subList(0, MAX_LISTED) + " and " + (names.size() - MAX_LISTED) + " more";
    }

    /** Saves with float32 weights, copying nothing else. */
    public static void save(PretrainedModel model, Path dir) {
        save(model, dir, TensorDType.F32, DEFAULT_MAX_SHARD_BYTES, null);
    }

    /**
     * Writes the model into {@code dir} atomically (a temp sibling renamed into place).
     *
     * @param floatType F32, F16 or BF16
     * @param maxShardBytes above this total size, weights are split into shards with an index
     * @param extra writes further files (tokenizer, training state) into the same directory, or null
     */
    public static void save(PretrainedModel model, Path dir, TensorDType floatType, long maxShardBytes,
            AtomicDirectory.Writer extra) {
        AtomicDirectory.write(dir, tmp -> {
            writeInto(model, tmp, floatType, maxShardBytes);
            if (extra != null) {
                extra.write(tmp);
            }
        });
    }

    /** Writes config.json, the weights and generation_config.json into an existing directory. */
    public static void writeInto(PretrainedModel model, Path dir, TensorDType floatType, long maxShardBytes)
            throws IOException {
        ObjectNode cfg = ModelConfigs.toJson(model.config(), model.configJson());
        cfg.put("torch_dtype", switch (floatType) {
            case BF16 -> "bfloat16";
            case F16 -> "float16";
            default -> "float32";
        });
        JSON.writeValue(dir.resolve(ModelConfigs.FILE).toFile(), cfg);
        KeyMapping keys = KeyMapping.forConfig(model.config());
        Map<String, NDArray> named = new LinkedHashMap<>();
        model.module().namedParameters().forEach((n, p) -> named.put(keys.toCheckpoint(n), p.getArray()));
        writeWeights(dir, named, floatType, maxShardBytes);
        writeGenerationConfig(dir, cfg);
    }

    private static void writeWeights(Path dir, Map<String, NDArray> named, TensorDType floatType, long maxShard)
            throws IOException {
        List<Map<String, NDArray>> shards = new ArrayList<>();
        Map<String, NDArray> current = new LinkedHashMap<>();
        long currentBytes = 0;
        long total = 0;
        for (Map.Entry<String, NDArray> e : named.entrySet()) {
            long bytes = e.getValue().size() * (e.getValue().getDataType().isFloating() ? floatType.bytes() : 8);
            if (!current.isEmpty() && currentBytes + bytes > maxShard) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
            total += bytes;
        }
        shards.add(current);
        if (shards.size() == 1) {
            SafeTensorsWriter.write(dir.resolve(CheckpointTensors.SINGLE), current, floatType);
            return;
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode map = index.putObject("weight_map");
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            SafeTensorsWriter.write(dir.resolve(name), shards.get(i), floatType);
            shards.get(i).keySet().forEach(k -> map.put(k, name));
        }
        JSON.writeValue(dir.resolve(CheckpointTensors.INDEX).toFile(), index);
    }

    private static void writeGenerationConfig(Path dir, ObjectNode cfg) throws IOException {
        if (!cfg.has("eos_token_id") && !cfg.has("bos_token_id")) {
            return;
        }
        ObjectNode gen = JSON.createObjectNode();
        for (String k : new String[] {"bos_token_id", "eos_token_id", "pad_token_id"}) {
            if (cfg.has(k)) {
                gen.set(k, cfg.get(k));
            }
        }
        gen.put("transformers_version", cfg.path("transformers_version").asText("4.46.0"));
        JSON.writeValue(dir.resolve("generation_config.json").toFile(), gen);
    }

    /** Copies the tokenizer and generation files of {@code from} into {@code to} (those that exist). */
    public static void copySideFiles(Path from, Path to) throws IOException {
        for (String f : SIDE_FILES) {
            Path src = from.resolve(f);
            if (Files.isRegularFile(src)) {
                Files.copy(src, to.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
