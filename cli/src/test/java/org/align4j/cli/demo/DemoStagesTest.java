package org.align4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStagesTest {
    @TempDir Path tmp;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void eachStageGetsANumberedHeaderWithTheElapsedTimeAndItsTimeInTheSummary() {
        DemoStages stages = new DemoStages(out, 2);
        assertThat(stages.step("first", () -> 7)).isEqualTo(7);
        stages.step("second stage", () -> null);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("== [1/2] first  (0:00 elapsed)").contains("== [2/2] second stage  (0:")
                .contains("-- first: ");
        assertThat(stages.seconds()).containsOnlyKeys("first", "second stage");
        assertThat(stages.summary()).hasSize(2);
        assertThat(stages.summary().get(0)).matches("  first {8}  +0:00");
        // a stage beyond the announced count is a programming error named at once, not a "[3/2]" header
        assertThatThrownBy(() -> stages.step("third", () -> null)).hasMessageContaining("stage 3 (third) is beyond"
                + " the 2 announced");
        assertThat(DemoCommand.stageOrder()).containsExactly("data", "tokenizer", "init", "sft", "reward", "ppo", "grpo",
                "dpo", "eval", "doctor", "queue sft", "queue ppo", "queue dpo", "report");
    }

    @Test
    void aFailingCommandStopsTheDemoNamingTheStageAndTheCommand() {
        DemoStages stages = new DemoStages(out, 1);
        Path missing = tmp.resolve("missing.yaml");
        assertThatThrownBy(() -> stages.command("SFT", DemoStages.args("sft", "--config", missing.toString())))
                .hasMessageContaining("demo stage \"SFT\" failed").hasMessageContaining("align sft --config " + missing)
                .hasMessageContaining("exited with 1");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("$ align sft --config " + missing);
    }

    @Test
    void clockShowsMinutesAndSeconds() {
        assertThat(DemoStages.clock(0.4)).isEqualTo("0:00");
        assertThat(DemoStages.clock(59.6)).isEqualTo("1:00");
        assertThat(DemoStages.clock(625)).isEqualTo("10:25");
    }
}
