package org.align4j.core.tokenizer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.align4j.datasets.io.AtomicFiles;

/** Reads and writes the JSON files of a model directory, with errors that name the file. */
final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {}

    /** Parses {@code file} as a JSON object. */
    static JsonNode readObject(Path file) {
        return readIfPresent(file).orElseThrow(() -> new TokenizerFileException(file, "file not found"));
    }

    /** Parses {@code file} as a JSON object, or empty when the file does not exist. */
    static Optional<JsonNode> readIfPresent(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TokenizerFileException(file, "cannot be read: " + e, e);
        }
        return Optional.of(parseObject(file, bytes));
    }

    /** Parses {@code bytes}, the content of {@code file}, as a JSON object. */
    static JsonNode parseObject(Path file, byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new TokenizerFileException(file, "not valid JSON" + where + ": " + e.getOriginalMessage()
                    + "; restore the file from the model's source or re-create it", e);
        } catch (IOException e) {
            throw new TokenizerFileException(file, "cannot be read: " + e, e);
        }
        if (node == null || !node.isObject()) {
            throw new TokenizerFileException(file, "must hold one JSON object, found "
                    + (node == null || node.isMissingNode() ? "nothing"
                            : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }

    /**
     * Writes {@code content} to {@code file} through a temporary file in the same directory and an atomic
     * rename, so a reader never sees a half-written file.
     */
    static void writeAtomically(Path file, byte[] content) {
        try {
            AtomicFiles.write(file, content);
        } catch (UncheckedIOException e) {
            throw new TokenizerFileException(file, "cannot be written: " + e.getCause(), e.getCause());
        }
    }

    static byte[] pretty(JsonNode node) {
        try {
            return (TokenizerJsonWriter.MAPPER.writeValueAsString(node) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON: " + e.getOriginalMessage(), e);
        }
    }
}
