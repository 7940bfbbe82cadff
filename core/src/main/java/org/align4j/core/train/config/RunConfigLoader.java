package org.align4j.core.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a run configuration (YAML or JSON, snake_case keys, as LLaMA-Factory users write them) into
 * an immutable, validated record of type {@code T}:
 * <ol>
 *   <li>the defaults (a default instance of {@code T}) as a tree,</li>
 *   <li>the file merged over them (objects merge key by key; anything else, {@code null} included, replaces),</li>
 *   <li>each {@code --set a.b=c} override applied to the tree ({@code c} parsed as YAML: numbers, booleans,
 *       {@code null}, {@code [x, y]}),</li>
 *   <li>optional sections (null by default, like {@code lora}) filled from their defaults when present,</li>
 *   <li>bound with unknown keys as errors and validated by the records' constructors.</li>
 * </ol>
 * Every error is a {@link ConfigException} naming the source and the dotted field ({@code train.lr}).
 */
public final class RunConfigLoader {
    private static final YAMLMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));
    private static final JsonMapper JSON = configure(JsonMapper.builder());

    private RunConfigLoader() {}

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> M configure(
            B builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .build();
    }

    /**
     * Loads {@code file} (null for defaults only) with {@code overrides} into {@code type}.
     *
     * @param defaults the default configuration; its tree is what the file is merged over
     * @param sectionDefaults for sections that are null by default: the dotted path → the default
     *     section object, used when the file or an override turns the section on
     */
    public static <T> T load(Path file, List<String> overrides, Class<T> type, T defaults,
            Map<String, ?> sectionDefaults) {
        return resolve(file == null ? null : readFile(file), file == null ? "configuration" : file.toString(),
                overrides, type, defaults, sectionDefaults);
    }

    /**
     * Like {@link #load} for configuration text (YAML or JSON) instead of a file, e.g. a bundled
     * configuration whose paths the caller fills in with {@code overrides}.
     *
     * @param source how error messages name the text (a resource or file name)
     */
    public static <T> T loadText(String text, String source, List<String> overrides, Class<T> type, T defaults,
            Map<String, ?> sectionDefaults) {
        return resolve(readText(text, source), source, overrides, type, defaults, sectionDefaults);
    }

    /** {@code source}, plus the overrides when there are any: how errors name a configuration. */
    public static String describeSource(String source, List<String> overrides) {
        return overrides.isEmpty() ? source : source + " with --set " + String.join(" ", overrides);
    }

    private static <T> T resolve(ObjectNode given, String source, List<String> overrides, Class<T> type,
            T defaults, Map<String, ?> sectionDefaults) {
        ObjectNode tree = (ObjectNode) YAML.valueToTree(defaults);
        if (given != null) {
            merge(tree, given, "");
        }
        for (String o : overrides) {
            applyOverride(tree, o);
        }
        sectionDefaults.forEach((path, sectionDefault) -> fillSection(tree, path, YAML.valueToTree(sectionDefault)));
        return bind(tree, type, describeSource(source, overrides));
    }

    /** The configuration as YAML, the form printed at start and saved beside checkpoints. */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write configuration as YAML: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #toYaml} to {@code file}. */
    public static void writeYaml(Object config, Path file) {
        try {
            Files.writeString(file, toYaml(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a configuration written by {@link #writeYaml} (or any file) into {@code type}, without defaults. */
    public static <T> T read(Path file, Class<T> type) {
        return bind(readFile(file), type, file.toString());
    }

    private static ObjectNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such configuration file");
        }
        try {
            return readText(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses configuration text named {@code source} (JSON when the name ends in .json, else YAML). */
    private static ObjectNode readText(String text, String source) {
        ObjectMapper mapper = source.endsWith(".json") ? JSON : YAML;
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException(source + (loc == null ? "" : ":" + loc.getLineNr()) + ": not valid "
                    + (mapper == JSON ? "JSON" : "YAML") + ": " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException(source + ": the configuration must be a mapping of keys to values, not "
                    + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    /** Merges {@code over} into {@code base} in place. */
    static void merge(ObjectNode base, ObjectNode over, String path) {
        over.properties().forEach(e -> {
            JsonNode old = base.get(e.getKey());
            JsonNode val = e.getValue();
            if (old instanceof ObjectNode o && val instanceof ObjectNode v) {
                merge(o, v, path + e.getKey() + ".");
            } else {
                base.set(e.getKey(), val.deepCopy());
            }
        });
    }

    /** Applies {@code a.b.c=value} to the tree. */
    static void applyOverride(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + ": expected KEY=VALUE with a dotted key, e.g. train.lr=1e-4");
        }
        String key = override.substring(0, eq).trim();
        String raw = override.substring(eq + 1).trim();
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(parts[i]);
            } else if (!child.isObject()) {
                throw new ConfigException("--set " + override + ": '" + String.join(".", List.of(parts).subList(0, i + 1))
                        + "' is a value, not a section");
            }
            node = (ObjectNode) child;
        }
        JsonNode value;
        try {
            value = raw.isEmpty() ? JsonNodeFactory.instance.textNode("") : YAML.readTree(raw);
        } catch (JsonProcessingException e) {
            value = JsonNodeFactory.instance.textNode(raw);
        }
        if (value == null || value.isMissingNode()) {
            value = JsonNodeFactory.instance.textNode(raw);
        }
        node.set(parts[parts.length - 1], value);
    }

    private static void fillSection(ObjectNode tree, String path, JsonNode defaults) {
        String[] parts = path.split("\\.");
        ObjectNode parent = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(parent.get(parts[i]) instanceof ObjectNode child)) {
                return;
            }
            parent = child;
        }
        String last = parts[parts.length - 1];
        if (parent.get(last) instanceof ObjectNode section && defaults instanceof ObjectNode d) {
            ObjectNode filled = d.deepCopy();
            merge(filled, section, path + ".");
            parent.set(last, filled);
        }
    }

    private static <T> T bind(JsonNode tree, Class<T> type, String source) {
        try {
            return YAML.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String where = pathOf(e);
            String section = where.contains(".") ? where.substring(0, where.lastIndexOf('.')) : "";
            String allowed = e.getKnownPropertyIds() == null ? "?" : new TreeSet<>(e.getKnownPropertyIds().stream()
                    .map(Object::toString).collect(Collectors.toList())).toString();
            throw new ConfigException(source + ": unknown key '" + where + "'; allowed keys"
                    + (section.isEmpty() ? "" : " in '" + section + "'") + ": " + allowed, e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String where = pathOf(e);
            String msg = cause.getMessage();
            throw new ConfigException(source + ": " + (where.isEmpty() ? "" : where + ".") + msg, e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(source + ": " + pathOf(e) + ": expected " + describe(e.getTargetType())
                    + ", got '" + e.getValue() + "'", e);
        } catch (MismatchedInputException e) {
            String where = pathOf(e);
            throw new ConfigException(source + ": " + (where.isEmpty() ? "the configuration" : where) + ": expected "
                    + describe(e.getTargetType()) + " (" + firstLine(e.getOriginalMessage()) + ")", e);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String where = pathOf(e);
            throw new ConfigException(source + ": " + (where.isEmpty() ? "" : where + ": ")
                    + firstLine(cause == e ? e.getOriginalMessage() : cause.getMessage()), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> t) {
        if (t == null) {
            return "another type";
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "a number";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "a whole number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (t.isRecord()) {
            return "a section (key: value pairs)";
        }
        return t.getSimpleName();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
