package org.align4j.cli.reward;

import picocli.CommandLine.Command;

/** {@code align reward}: the reward model (a BERT regressor). */
@Command(name = "reward", mixinStandardHelpOptions = true, description = "Reward model: score answers.",
        subcommands = {RewardScoreCommand.class})
public final class RewardCommand {}
