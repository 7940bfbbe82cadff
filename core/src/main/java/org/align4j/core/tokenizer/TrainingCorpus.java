package org.align4j.core.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads training text from files. A {@code .jsonl}/{@code .ndjson} file holds one JSON value a line and a
 * {@code .json} file one JSON value; every string value inside (recursively, keys excluded) is a text, so
 * SFT ({@code instruction}/{@code output}, {@code messages[].content}) and preference-pair files work
 * as they are. Any other file is UTF-8 plain text, one text a line. Blank texts are skipped.
 */
public final class TrainingCorpus {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> texts;
    private final long bytes;

    private TrainingCorpus(List<String> texts, long bytes) {
        this.texts = List.copyOf(texts);
        this.bytes = bytes;
    }

    /**
     * Reads every file in order.
     *
     * @throws TokenizerFileException naming the file (and line) when one is missing, not UTF-8, or holds
     *     a line that is not JSON
     */
    public static TrainingCorpus read(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files; give at least one text or JSONL file");
        }
        List<String> texts = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                throw new TokenizerFileException(f, "is a directory; give the text or JSONL files inside it");
            }
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                readJsonLines(f, texts);
            } else if (name.endsWith(".json")) {
                collectStrings(parse(f, 0, readString(f)), texts);
            } else {
                readLines(f, texts);
            }
            try {
                bytes += Files.size(f);
            } catch (IOException e) {
                throw new TokenizerFileException(f, "cannot be read: " + e, e);
            }
        }
        return new TrainingCorpus(texts, bytes);
    }

    /** The texts, in file order. */
    public List<String> texts() {
        return texts;
    }

    /** Total size of the input files. */
    public long bytes() {
        return bytes;
    }

    /** Each non-blank line of {@code f} with its 1-based number. */
    @FunctionalInterface
    private interface LineSink {
        void accept(int lineNo, String line);
    }

    private static void readLines(Path f, List<String> texts) {
        forEachLine(f, (lineNo, line) -> texts.add(line));
    }

    private static void readJsonLines(Path f, List<String> texts) {
        forEachLine(f, (lineNo, line) -> collectStrings(parse(f, lineNo, line), texts));
    }

    private static void forEachLine(Path f, LineSink sink) {
        try (BufferedReader r = reader(f)) {
            int lineNo = 0;
            try {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lineNo++;
                    if (!line.isBlank()) {
                        sink.accept(lineNo, line);
                    }
                }
            } catch (CharacterCodingException e) {
                throw new TokenizerFileException(f, "line " + (lineNo + 1) + " is not UTF-8 text; convert the file "
                        + "to UTF-8 (e.g. iconv -t UTF-8)", e);
            }
        } catch (IOException e) {
            throw new TokenizerFileException(f, "cannot be read: " + e, e);
        }
    }

    private static JsonNode parse(Path f, int lineNo, String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = lineNo > 0 ? "line " + lineNo + " is not valid JSON" : "not valid JSON";
            throw new TokenizerFileException(f, where + ": " + e.getOriginalMessage()
                    + "; fix the line, or rename the file to .txt to train on it as plain text", e);
        }
    }

    private static void collectStrings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            if (!node.asText().isBlank()) {
                out.add(node.asText());
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectStrings(child, out));
        }
    }

    private static String readString(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TokenizerFileException(f, "not found", e);
        } catch (CharacterCodingException e) {
            throw new TokenizerFileException(f, "is not UTF-8 text; convert the file to UTF-8", e);
        } catch (IOException e) {
            throw new TokenizerFileException(f, "cannot be read: " + e, e);
        }
    }

    private static BufferedReader reader(Path f) throws IOException {
        try {
            return Files.newBufferedReader(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TokenizerFileException(f, "not found", e);
        }
    }
}
