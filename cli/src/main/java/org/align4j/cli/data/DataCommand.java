package org.align4j.cli.data;

import org.align4j.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code align data}: check and describe data files. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Check and describe data files (SFT examples, preference pairs, ratings); write the bundled sample.",
        subcommands = {ValidateCommand.class, StatsCommand.class, SampleCommand.class})
public final class DataCommand extends GroupCommand {}
