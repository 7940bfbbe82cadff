package org.align4j.core.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way a stage's state record is kept in a checkpoint's {@code training_state/}: indented JSON, read
 * back strictly (an unknown field is an error, not silently dropped). {@link TrainingState} and the stages'
 * own records ({@code ppo_state.json}) use it; {@link AdamW} and the fp16 loss scaler write their JSON with it.
 */
public final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StateFile() {}

    /** Writes {@code state} as {@code dir/file}. */
    public static void write(Path dir, String file, Object state) {
        Path p = dir.resolve(file);
        try {
            JSON.writeValue(p.toFile(), state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code dir/file} as a {@code type}.
     *
     * @param stage the kind of checkpoint that has the file (named in the error when it is missing)
     */
    public static <T> T read(Path dir, String file, Class<T> type, String stage) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(p + " is missing: " + dir.getParent() + " is not " + stage
                    + " checkpoint");
        }
        try {
            return JSON.readValue(p.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
