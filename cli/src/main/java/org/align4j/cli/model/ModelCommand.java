package org.align4j.cli.model;

import picocli.CommandLine.Command;

/** {@code align model}: create and convert checkpoints. */
@Command(name = "model", description = "Create and convert model checkpoints (Hugging Face layout).",
        mixinStandardHelpOptions = true,
        subcommands = {ModelInitCommand.class, ModelConvertCommand.class})
public final class ModelCommand {}
