package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes JSONL atomically: rows go to a temporary file in the target's directory, which {@link #commit()}
 * renames onto the target. Closing without committing deletes the temporary file, so a crash or an error
 * never leaves a half-written file behind. Text is UTF-8, non-ASCII characters unescaped, one object a line.
 *
 * <pre>{@code
 * try (JsonlWriter w = JsonlWriter.create(path)) {
 *     for (PreferencePair p : pairs) w.write(Codecs.PAIRS, p);
 *     w.commit();
 * }
 * }</pre>
 */
public final class JsonlWriter implements Closeable {
    private final Path target;
    private final Path temp;
    private final Writer out;
    private long rows;
    private boolean committed;

    private JsonlWriter(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        this.temp = AtomicFiles.createTemp(this.target);
        this.out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Starts writing {@code target}; nothing appears there until {@link #commit()}. */
    public static JsonlWriter create(Path target) {
        try {
            return new JsonlWriter(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + " (check that the directory is writable)", e);
        }
    }

    /** Writes {@code rows} to {@code target} atomically. */
    public static <T> void writeAll(Path target, RecordCodec<T> codec, Iterable<? extends T> rows) {
        try (JsonlWriter w = create(target)) {
            for (T row : rows) {
                w.write(codec, row);
            }
            w.commit();
        }
    }

    /** Writes one record as one line. */
    public <T> void write(RecordCodec<T> codec, T row) {
        write(codec.toJson(row));
    }

    /** Writes one JSON value as one line. */
    public void write(JsonNode row) {
        if (committed) {
            throw new IllegalStateException("the writer for " + target + " is already committed");
        }
        try {
            out.write(Json.mapper().writeValueAsString(row));
            out.write('\n');
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
        }
    }

    /** The number of rows written so far. */
    public long rows() {
        return rows;
    }

    /** Flushes, syncs and renames the temporary file onto the target. */
    public void commit() {
        try {
            out.close();
            AtomicFiles.matchPermissions(temp, target);
            AtomicFiles.move(temp, target);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary file unless {@link #commit()} ran. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // The partial temporary file is deleted below either way.
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the temporary file " + temp, e);
            }
        }
    }
}
