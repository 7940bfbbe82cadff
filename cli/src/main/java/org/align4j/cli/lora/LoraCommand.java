package org.align4j.cli.lora;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code align lora}: work with PEFT LoRA adapters. */
@Command(name = "lora", mixinStandardHelpOptions = true, description = "Work with LoRA adapters (PEFT format).",
        subcommands = {LoraMergeCommand.class})
public final class LoraCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
