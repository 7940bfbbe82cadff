package org.align4j.cli.train;

import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --example} of the commands that run from a configuration file (the training commands through
 * {@link RunOptions}, and {@code align dpo-refresh}): print the documented example configuration and stop.
 */
public final class ExampleOption {
    @Option(names = "--example", description = "Print the documented example configuration and exit.")
    public boolean requested;

    /**
     * With {@code --example}, prints {@code example} to stdout and returns true: the command is done; else
     * returns false without reading it.
     */
    public boolean print(Supplier<String> example) {
        if (requested) {
            System.out.print(example.get());
        }
        return requested;
    }
}
