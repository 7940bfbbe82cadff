package org.align4j.cli.tokenizer;

import org.align4j.cli.GroupCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align tokenizer}: tokenizer tools. */
@Command(
        name = "tokenizer",
        description = "Train tokenizers that Hugging Face tokenizers and transformers load.",
        subcommands = {TokenizerTrainCommand.class})
public final class TokenizerCommand extends GroupCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
