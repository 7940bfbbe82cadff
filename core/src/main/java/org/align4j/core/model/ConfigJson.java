package org.align4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Typed reads of Hugging Face {@code config.json} fields, with errors that name the file and the field.
 *
 * @param node the parsed config.json
 * @param source the file named in errors
 */
record ConfigJson(JsonNode node, String source) {

    int requiredInt(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(source + ": field '" + key + "' is missing (it is required for "
                    + node.path("model_type").asText("this model type") + ")");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(source + ": field '" + key + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    int optInt(String key, int dflt) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? dflt : requiredInt(key);
    }

    /** First present of several integer keys (HF renamed some fields across versions). */
    int optIntAny(int dflt, String... keys) {
        for (String k : keys) {
            if (node.hasNonNull(k)) {
                return requiredInt(k);
            }
        }
        return dflt;
    }

    double optDouble(String key, double dflt) {
        return opt(key, dflt, JsonNode::isNumber, "a number", JsonNode::doubleValue);
    }

    boolean optBool(String key, boolean dflt) {
        return opt(key, dflt, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    /** Field {@code key} read by {@code read} when it is {@code what}; {@code dflt} when absent or null. */
    private <T> T opt(String key, T dflt, Predicate<JsonNode> is, String what, Function<JsonNode, T> read) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!is.test(v)) {
            throw new IllegalArgumentException(source + ": field '" + key + "' must be " + what + ", got " + v);
        }
        return read.apply(v);
    }

    String optString(String key, String dflt) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    /** A token id field that may be an integer, a list (first used) or absent. */
    Integer optTokenId(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            return v.size() == 0 ? null : v.get(0).asInt();
        }
        return v.asInt();
    }

    static void putTokenId(ObjectNode n, String key, Integer id) {
        if (id == null) {
            n.putNull(key);
        } else {
            n.put(key, id);
        }
    }

    static void check(boolean ok, String source, String field, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(
                    source + ": field '" + field + "' = " + value + " is invalid (" + allowed + ")");
        }
    }
}
