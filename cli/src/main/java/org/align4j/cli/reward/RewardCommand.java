package org.align4j.cli.reward;

import picocli.CommandLine.Command;

/** {@code align reward}: the reward model (a BERT regressor). */
@Command(name = "reward", mixinStandardHelpOptions = true, description = "Reward model: train, evaluate, score answers.",
        subcommands = {RewardTrainCommand.class, RewardEvalCommand.class, RewardScoreCommand.class})
public final class RewardCommand {}
