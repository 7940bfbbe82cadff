package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class BatchSizeOptionTest {
    @Command(name = "scorer")
    static final class Scorer {
        @Mixin BatchSizeOption batch = new BatchSizeOption(16);
    }

    @Test
    void theCommandsDefaultAppliesAndIsShownInTheHelp() {
        Scorer s = new Scorer();
        CommandLine cl = new CommandLine(s);
        cl.parseArgs();
        assertThat(s.batch.size()).isEqualTo(16);
        assertThat(cl.getUsageMessage()).contains("--batch-size=<batchSize>").contains("sequences per forward pass (default: 16)");
    }

    @Test
    void aGivenSizeIsCheckedWhenRead() {
        Scorer s = new Scorer();
        new CommandLine(s).parseArgs("--batch-size", "4");
        assertThat(s.batch.size()).isEqualTo(4);
        new CommandLine(s).parseArgs("--batch-size", "0");
        assertThatThrownBy(s.batch::size).hasMessage("--batch-size must be >= 1, got 0");
    }
}
