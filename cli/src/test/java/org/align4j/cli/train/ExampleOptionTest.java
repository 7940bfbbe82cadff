package org.align4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.align4j.cli.CliRunner;
import org.junit.jupiter.api.Test;

class ExampleOptionTest {
    @Test
    void withoutTheOptionTheExampleIsNotEvenRead() {
        ExampleOption option = new ExampleOption();
        assertThat(option.print(() -> {
            throw new AssertionError("read");
        })).isFalse();
    }

    @Test
    void dpoRefreshPrintsItsExampleAndEndsWithZeroWithoutADatabase() {
        CliRunner.Result r = CliRunner.run("dpo-refresh", "--example");
        r.succeeded();
        assertThat(r.out()).startsWith("# align dpo-refresh --db feedback-data/feedback");
    }
}
