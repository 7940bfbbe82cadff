package org.align4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and its {@code --set KEY=VALUE} overrides, of the commands that run from a configuration
 * file read by the core's config loader: the training commands (through {@link RunOptions}) and
 * {@code align dpo-refresh}. Whether a file is required is the command's rule.
 */
public final class ConfigFileOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration (YAML or JSON); --example prints a documented one.")
    public Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a configuration field, e.g. --set train.lr=1e-4 --set lora=null (repeatable).")
    public List<String> sets = new ArrayList<>();
}
