package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupCommandTest {
    @ParameterizedTest(name = "align {0}")
    @CsvSource(delimiter = '|', value = {
        "''|Usage: align [|generate",
        "data|Usage: align data [|validate",
        "feedback|Usage: align feedback [|enqueue",
        "feedback user|Usage: align feedback user [|list",
        "lora|Usage: align lora [|merge",
        "tokenizer|Usage: align tokenizer [|train"})
    void aGroupRunWithoutASubcommandPrintsItsUsageListingThemAndExitsZero(String group, String usage, String sub) {
        CliRunner.Result r = CliRunner.run(group.isEmpty() ? new String[0] : group.split(" "));
        r.succeeded();
        assertThat(r.out()).startsWith(usage).contains("Commands:").contains("  " + sub);
    }
}
