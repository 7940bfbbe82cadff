package org.align4j.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tensors of a checkpoint directory: {@code model.safetensors}, or the shards listed in
 * {@code model.safetensors.index.json}.
 */
public final class CheckpointTensors {
    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";

    private final Map<String, SafeTensorsFile> fileOf = new LinkedHashMap<>();

    private CheckpointTensors() {}

    public static CheckpointTensors open(Path dir) {
        CheckpointTensors ct = new CheckpointTensors();
        Path single = dir.resolve(SINGLE);
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            ct.openSharded(dir, index);
        } else if (Files.isRegularFile(single)) {
            SafeTensorsFile f = SafeTensorsFile.open(single);
            f.tensors().keySet().forEach(k -> ct.fileOf.put(k, f));
        } else if (Files.isRegularFile(dir.resolve("pytorch_model.bin"))) {
            throw new IllegalArgumentException(dir + ": holds pytorch_model.bin (pickle), which align4j does not read; "
                    + "convert it to safetensors (transformers: model.save_pretrained(dir, safe_serialization=True))");
        } else {
            throw new IllegalArgumentException(dir + ": no " + SINGLE + " or " + INDEX + " found");
        }
        return ct;
    }

    private void openSharded(Path dir, Path index) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(index.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(index + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode map = root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new IllegalArgumentException(index + ": field 'weight_map' is missing or not an object");
        }
        Map<String, SafeTensorsFile> shards = new LinkedHashMap<>();
        for (String shard : new TreeSet<>(iterValues(map))) {
            Path p = dir.resolve(shard);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(index + ": lists shard '" + shard + "', which is missing from " + dir);
            }
            shards.put(shard, SafeTensorsFile.open(p));
        }
        map.properties().forEach(e -> {
            SafeTensorsFile f = shards.get(e.getValue().asText());
            if (!f.tensors().containsKey(e.getKey())) {
                throw new IllegalArgumentException(index + ": maps '" + e.getKey() + "' to " + e.getValue().asText()
                        + ", which does not contain it");
            }
            fileOf.put(e.getKey(), f);
        });
    }

    private static java.util.List<String> iterValues(JsonNode map) {
        java.util.List<String> out = new java.util.ArrayList<>();
        map.elements().forEachRemaining(v -> out.add(v.asText()));
        return out;
    }

    /** Tensor name → the file that holds it, in checkpoint order. */
    public Map<String, SafeTensorsFile> files() {
        return fileOf;
    }

    public TensorInfo info(String name) {
        return fileOf.get(name).tensors().get(name);
    }
}
