package org.align4j.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code --out FILE} of the commands whose result is one JSON object (the benchmarks): the object is always
 * printed, indented, and with {@code --out} also written to the file, atomically.
 */
public final class JsonResultOption {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--out", description = "also write the JSON object to this file (atomically)")
    public Path file;

    /** Writes {@code result} as indented JSON to {@code --out} when given, then passes the same text to {@code println}. */
    public void print(ObjectNode result, Consumer<String> println) {
        String json;
        try {
            json = JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the result as JSON: " + e.getMessage(), e);
        }
        if (file != null) {
            JsonLinesOutput.write(file, List.of(json), System.out);
        }
        println.accept(json);
    }
}
