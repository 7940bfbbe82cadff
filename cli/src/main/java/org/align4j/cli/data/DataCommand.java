package org.align4j.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code align data}: check and describe data files. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Check and describe data files (SFT examples, preference pairs, ratings); write the bundled sample.",
        subcommands = {ValidateCommand.class, StatsCommand.class, SampleCommand.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
