package org.align4j.cli.train;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a training command gets its configuration: the command as typed after {@code align} and the file name
 * its missing-config hint suggests (e.g. {@code sft.yaml}), the documented example, the loader of a file with
 * {@code --set} overrides, the YAML it prints the resolved configuration as, and a check run after printing.
 */
public record StageConfig<C>(String command, String exampleName, Supplier<String> exampleText,
        BiFunction<Path, List<String>, C> load, Function<C, String> yaml, Consumer<C> check) {

    /** A stage whose loader already checks everything. */
    public StageConfig(String command, String exampleName, Supplier<String> exampleText,
            BiFunction<Path, List<String>, C> load, Function<C, String> yaml) {
        this(command, exampleName, exampleText, load, yaml, cfg -> { });
    }
}
