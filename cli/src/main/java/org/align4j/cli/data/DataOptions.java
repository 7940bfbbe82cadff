package org.align4j.cli.data;

import java.nio.file.Path;
import org.align4j.cli.ParseConverter;
import org.align4j.datasets.collate.ApproximateTokenCounter;
import org.align4j.datasets.collate.LengthMeter;
import org.align4j.datasets.collate.Overflow;
import org.align4j.datasets.io.DataKind;
import org.align4j.datasets.template.ChatTemplate;
import org.align4j.datasets.template.ChatTemplates;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code validate} and {@code stats} share: the file, its kind and the template to count with. */
final class DataOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "a JSONL file or a JSON array, UTF-8")
    Path file;

    @Option(names = "--kind", required = true, paramLabel = "KIND", converter = KindConverter.class,
            description = "sft, pairs, ratings or unpaired")
    DataKind kind;

    @Option(names = "--template", defaultValue = "chatml", paramLabel = "NAME",
            description = "chat template used to count tokens: chatml, alpaca or plain (default: ${DEFAULT-VALUE})")
    String template;

    @Option(names = "--eos", defaultValue = "<|endoftext|>", paramLabel = "TEXT",
            description = "the tokenizer's EOS text, which alpaca and plain put after each answer"
                    + " (default: ${DEFAULT-VALUE})")
    String eos;

    ChatTemplate chatTemplate(CommandLine cmd) {
        try {
            return ChatTemplates.byName(template, eos);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "Invalid value for option '--template': " + e.getMessage());
        }
    }

    /**
     * The meter both commands measure rows with: {@code --template}, approximate tokens (no tokenizer is loaded)
     * and so no BOS, which only a tokenizer adds.
     */
    LengthMeter lengthMeter(CommandLine cmd) {
        return new LengthMeter(chatTemplate(cmd), new ApproximateTokenCounter(), false);
    }

    /** Converts {@code --kind}. */
    static final class KindConverter extends ParseConverter<DataKind> {
        KindConverter() {
            super(DataKind::parse);
        }
    }

    /** Converts {@code --on-too-long}. */
    static final class OverflowConverter extends ParseConverter<Overflow> {
        OverflowConverter() {
            super(Overflow::parse);
        }
    }
}
