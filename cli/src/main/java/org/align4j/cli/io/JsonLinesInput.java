package org.align4j.cli.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.align4j.datasets.io.JsonRow;
import org.align4j.datasets.io.JsonRowReader;

/**
 * Reads a command's JSONL input strictly, the one way every command does and the way {@code align data validate}
 * and the trainers read data files ({@link JsonRowReader}): UTF-8 only (a byte-order mark is skipped), blank lines
 * skipped, one JSON object a line (or a JSON array of objects), duplicate keys and content after the object
 * rejected; each object is handed with its place to the command's own row rule. The first bad line stops the read
 * with an error naming it, so a command checks every line before it runs.
 */
public final class JsonLinesInput {
    /**
     * A row of the file.
     *
     * @param where {@code FILE:LINE}, how errors name the line
     * @param number the 1-based line number the row starts on
     * @param json the row's object
     */
    public record Line(String where, int number, ObjectNode json) {}

    private JsonLinesInput() {}

    /**
     * Each row of {@code file} through {@code row}, in order.
     *
     * @throws IllegalArgumentException naming the file when it is missing, or the line that is not UTF-8, not
     *     JSON or not an object, with the fix (and whatever {@code row} throws)
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
     * The first row of {@code file}, read and checked as {@link #read} does (the rest is not read), or null when
     * every line is blank.
     */
    public static Line first(Path file) {
        Line[] first = new Line[1];
        scan(file, line -> {
            first[0] = line;
            return false;
        });
        return first[0];
    }

    /** Hands each row to {@code next} until it returns false or the file ends. */
    private static void scan(Path file, Predicate<Line> next) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        try (JsonRowReader rows = JsonRowReader.open(in, file.toString())) {
            while (rows.hasNext()) {
                JsonRow r = rows.next();
                if (!r.isReadable()) {
                    throw new IllegalArgumentException(r.problem().toString());
                }
                if (!next.test(new Line(file + ":" + r.line(), Math.toIntExact(r.line()), r.json()))) {
                    return;
                }
            }
        }
    }
}
