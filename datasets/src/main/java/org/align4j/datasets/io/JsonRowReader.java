package org.align4j.datasets.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the rows of a JSONL file or of a JSON array, one object at a time, each with the line it starts
 * on; a million-row file never sits in memory. The format is taken from the first non-blank character:
 * {@code [} is a JSON array, anything else JSONL. Input must be UTF-8 (a UTF-8 byte-order mark is skipped).
 *
 * <p>In JSONL a bad line is reported and reading goes on with the next line; in a JSON array a syntax error
 * ends the file, since what follows cannot be located reliably.
 */
public final class JsonRowReader implements Iterator<JsonRow>, Closeable {
    /** Reads one element of an array; what follows it in the array is not a trailing token. */
    private static final ObjectReader ELEMENT_READER =
            Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final String file;
    private final InputStream in;
    private final boolean array;
    private final LineSplitter lines;
    private final JsonParser parser;
    private JsonRow next;
    private boolean done;
    private long arrayElement;
    private boolean started;

    private JsonRowReader(InputStream raw, String file) throws IOException {
        this.file = file;
        this.in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
        skipByteOrderMark(in);
        this.array = firstNonBlankByte(in) == '[';
        if (array) {
            this.parser = Json.mapper().getFactory().createParser(in);
            this.lines = null;
        } else {
            this.parser = null;
            this.lines = new LineSplitter(in);
        }
    }

    /** Opens a file; the display name in problems is the path as given. */
    public static JsonRowReader open(Path path) {
        try {
            return new JsonRowReader(Files.newInputStream(path), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage()
                    + " (check that the file exists and is readable)", e);
        }
    }

    /** Reads a stream (e.g. a bundled resource); {@code displayName} names it in problems. */
    public static JsonRowReader open(InputStream in, String displayName) {
        try {
            return new JsonRowReader(in, displayName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + displayName + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file is a JSON array (else JSONL). */
    public boolean isJsonArray() {
        return array;
    }

    public String file() {
        return file;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = array ? readArrayElement() : readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (next == null) {
                done = true;
            }
        }
        return next != null;
    }

    @Override
    public JsonRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + file);
        }
        JsonRow row = next;
        next = null;
        return row;
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.close();
            }
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private JsonRow readLine() throws IOException {
        while (true) {
            LineSplitter.Line line = lines.next();
            if (line == null) {
                return null;
            }
            if (line.invalidUtf8At() >= 0) {
                return JsonRow.failed(file, line.number(), "invalid UTF-8 at byte " + (line.invalidUtf8At() + 1)
                        + " of the line", "save the file as UTF-8; other encodings are not read");
            }
            if (line.text().isBlank()) {
                continue;
            }
            try {
                JsonNode node = Json.mapper().readTree(line.text());
                if (!node.isObject()) {
                    return JsonRow.failed(file, line.number(), "the line is " + Json.describe(node)
                            + ", not a JSON object", "write one {...} object per line");
                }
                return JsonRow.of(file, line.number(), node);
            } catch (JsonProcessingException e) {
                return JsonRow.failed(file, line.number(), "malformed JSON at column "
                        + e.getLocation().getColumnNr() + ": " + firstLine(e.getOriginalMessage()),
                        "fix the JSON; each line must hold one complete object");
            }
        }
    }

    private JsonRow readArrayElement() throws IOException {
        long line = parser.currentLocation().getLineNr();
        try {
            JsonToken t;
            if (!started) {
                parser.nextToken(); // the '[' the format was detected from
                started = true;
            }
            t = parser.nextToken();
            line = parser.currentTokenLocation().getLineNr();
            if (t == null) {
                return null; // unreachable in practice: Jackson reports an unclosed array as an error
            }
            if (t == JsonToken.END_ARRAY) {
                if (parser.nextToken() != null) {
                    return stop(JsonRow.failed(file, parser.currentTokenLocation().getLineNr(),
                            "content after the closing ] of the array", "remove it, or merge it into the array"));
                }
                return null;
            }
            arrayElement++;
            if (t != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return JsonRow.failed(file, line, "array element " + arrayElement + " is "
                        + describe(t) + ", not a JSON object", "make every element a {...} object");
            }
            JsonNode node = ELEMENT_READER.readTree(parser);
            return JsonRow.of(file, line, node);
        } catch (JsonProcessingException e) {
            String msg = firstLine(e.getOriginalMessage());
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            if (msg.contains("Invalid UTF-8")) {
                return stop(JsonRow.failed(file, at, "invalid UTF-8: " + msg,
                        "save the file as UTF-8; other encodings are not read"));
            }
            return stop(JsonRow.failed(file, at, "malformed JSON: " + msg
                    + "; the rest of the array was not read", "fix the JSON and validate again"));
        }
    }

    private JsonRow stop(JsonRow last) {
        done = true;
        return last;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void skipByteOrderMark(InputStream in) throws IOException {
        in.mark(3);
        if (in.read() != 0xEF || in.read() != 0xBB || in.read() != 0xBF) {
            in.reset();
        }
    }

    private static int firstNonBlankByte(InputStream in) throws IOException {
        in.mark(1 << 16);
        int b;
        int seen = 0;
        do {
            b = in.read();
            seen++;
        } while ((b == ' ' || b == '\t' || b == '\r' || b == '\n') && seen < (1 << 16) - 1);
        in.reset();
        return b;
    }
}
