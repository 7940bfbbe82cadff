package org.align4j.feedback.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * JSON in and out of the API. Request bodies are read strictly, as everywhere in align4j:
 * unknown fields, duplicate keys, a value of the wrong JSON type (no {@code 1.7 → 1}, no
 * {@code "23" → 23}, no {@code 23 → "23"}), invalid UTF-8 and lone surrogates are all refused
 * with a 400 that names the field.
 */
final class Json {
    static final ObjectMapper MAPPER = strictMapper();

    private Json() {}

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("strict-text").addDeserializer(String.class, new StrictStringDeserializer()))
                .build();
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Textual}) {
            m.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, t == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer || t == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return m;
    }

    /** Parses the request body into {@code type}, answering 400 with the reason (and the field) when it does not fit. */
    static <T> T body(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (isBlank(body)) {
            throw new BadRequestResponse("the request body is empty: send a JSON object");
        }
        T value;
        try {
            // Bytes, not ctx.body(): decoding to a String first would turn invalid UTF-8 into U+FFFD silently.
            value = MAPPER.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new BadRequestResponse("unknown field '" + e.getPropertyName() + "': allowed fields are " + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw new BadRequestResponse(fieldPrefix(e) + expected(e.getTargetType()) + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw new BadRequestResponse(fieldPrefix(e) + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new BadRequestResponse(fieldPrefix(e) + "the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestResponse("cannot read the request body: " + e.getMessage());
        }
        if (value == null) {
            throw new BadRequestResponse("the request body is null: send a JSON object");
        }
        return value;
    }

    static void send(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A plain-words lead for a value of the wrong JSON type. */
    private static String expected(Class<?> target) {
        if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            return "expected a whole number such as 12, without quotes: ";
        }
        if (target == Double.class || target == double.class) {
            return "expected a number without quotes: ";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "expected true or false: ";
        }
        return "";
    }

    /** "field 'x': " for the field a mapping error is about, or "" when it is about the whole body. */
    private static String fieldPrefix(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : "field '" + path + "': ";
    }

    /** The field the parser was in when the bytes stopped being valid JSON (or UTF-8), if any. */
    private static String fieldPrefix(JacksonException e) {
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            String name = p.getParsingContext().getCurrentName();
            if (name != null) {
                return "field '" + name + "': ";
            }
        }
        return "";
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
