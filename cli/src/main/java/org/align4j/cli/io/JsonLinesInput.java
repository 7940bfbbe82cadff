package org.align4j.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a command's JSONL input strictly, the one way every command does: UTF-8 only, blank lines skipped, every
 * other line parsed as JSON and handed with its place to the command's own row rule. The first bad line stops the
 * read with an error naming it, so a command checks every line before it runs.
 */
public final class JsonLinesInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A non-blank line of the file.
     *
     * @param where {@code FILE:LINE}, how errors name the line
     * @param number the 1-based line number
     * @param json the line's JSON (any kind: the row rule says which it accepts)
     */
    public record Line(String where, int number, JsonNode json) {}

    private JsonLinesInput() {}

    /**
     * Each non-blank line of {@code file} through {@code row}, in order.
     *
     * @throws IllegalArgumentException naming the file when it is missing or not UTF-8, or the line whose JSON is
     *     malformed (and whatever {@code row} throws)
     */
    public static <T> List<T> read(Path file, Function<Line, T> row) {
        List<T> rows = new ArrayList<>();
        scan(file, line -> {
            rows.add(row.apply(line));
            return true;
        });
        return rows;
    }

    /**
     * The first non-blank line of {@code file}, read and checked as {@link #read} does (the rest is not read), or
     * null when every line is blank.
     */
    public static Line first(Path file) {
        Line[] first = new Line[1];
        scan(file, line -> {
            first[0] = line;
            return false;
        });
        return first[0];
    }

    /** Hands each non-blank line to {@code next} until it returns false or the file ends. */
    private static void scan(Path file, Predicate<Line> next) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (!s.isBlank()) {
                    String where = file + ":" + n;
                    if (!next.test(new Line(where, n, parse(where, s)))) {
                        return;
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": is not valid UTF-8; re-encode it as UTF-8", e);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String where, String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": malformed JSON (" + e.getOriginalMessage() + ")", e);
        }
    }
}
