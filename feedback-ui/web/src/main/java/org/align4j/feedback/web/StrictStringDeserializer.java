package org.align4j.feedback.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * Reads a JSON string as a Java string only when it is well-formed Unicode: a lone surrogate
 * ({@code "\ud800"}, or one that came from CESU-style UTF-8) is refused rather than stored as
 * {@code ?}. A number or boolean where text belongs is refused too (no {@code 23 → "23"}).
 */
final class StrictStringDeserializer extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    StrictStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (String) ctxt.handleUnexpectedToken(String.class, p.currentToken(), p,
                    "expected text in double quotes, got %s", describe(p.currentToken()));
        }
        String s = p.getText();
        int bad = firstLoneSurrogate(s);
        if (bad >= 0) {
            // The value itself is left out of the message: a lone surrogate cannot be written back as JSON.
            throw MismatchedInputException.from(p, String.class, String.format(
                    "the text has a lone surrogate U+%04X at character %d: send valid Unicode (UTF-8) text",
                    (int) s.charAt(bad), bad));
        }
        return s;
    }

    /** The index of the first surrogate without its partner, or -1 when {@code s} is well-formed UTF-16. */
    static int firstLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> String.valueOf(t);
        };
    }
}
