package org.align4j.cli.lora;

import org.align4j.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code align lora}: work with PEFT LoRA adapters. */
@Command(name = "lora", mixinStandardHelpOptions = true, description = "Work with LoRA adapters (PEFT format).",
        subcommands = {LoraMergeCommand.class})
public final class LoraCommand extends GroupCommand {}
