package org.align4j.cli.io;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --output FILE}: a command's JSON lines go to this file, atomically, instead of stdout. */
public final class OutputOption {
    @Option(names = "--output", paramLabel = "FILE", description = "write the JSON lines here (atomically) instead of stdout")
    public Path file;

    /** Writes {@code lines} to {@code --output}, or prints them. */
    public void write(List<String> lines) {
        JsonLinesOutput.write(file, lines, System.out);
    }
}
