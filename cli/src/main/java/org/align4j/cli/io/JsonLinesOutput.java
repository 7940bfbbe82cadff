package org.align4j.cli.io;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.align4j.datasets.io.AtomicFiles;

/** Writes result lines to stdout, or atomically to a file (temp file, then rename). */
public final class JsonLinesOutput {
    private JsonLinesOutput() {}

    public static void write(Path file, List<String> lines, PrintStream stdout) {
        if (file == null) {
            lines.forEach(stdout::println);
            stdout.flush();
            return;
        }
        AtomicFiles.writeLines(file, lines);
    }
}
