package org.align4j.cli.tokenizer;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code align tokenizer}: tokenizer tools. */
@Command(
        name = "tokenizer",
        mixinStandardHelpOptions = true,
        description = "Train tokenizers that Hugging Face tokenizers and transformers load.",
        subcommands = {TokenizerTrainCommand.class})
public final class TokenizerCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
