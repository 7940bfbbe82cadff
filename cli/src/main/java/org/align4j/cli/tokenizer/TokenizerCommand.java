package org.align4j.cli.tokenizer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align tokenizer}: tokenizer tools. */
@Command(
        name = "tokenizer",
        description = "Train tokenizers that Hugging Face tokenizers and transformers load.",
        subcommands = {TokenizerTrainCommand.class})
public final class TokenizerCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
