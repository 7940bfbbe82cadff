package org.align4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RunOptionsTest {
    /** A stage whose "configuration" is the file name and the overrides it was loaded with. */
    private static final StageConfig<String> STAGE = new StageConfig<>("stage", "stage.yaml", () -> "example: 1\n",
            (file, overrides) -> file.getFileName() + " " + overrides, cfg -> "loaded: " + cfg + "\n");

    private final RunOptions run = new RunOptions();
    private final List<String> trained = new ArrayList<>();

    private int train(String cfg) {
        trained.add(cfg);
        return 130;
    }

    private static String stdout(Supplier<Integer> command, int[] exitCode) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            exitCode[0] = command.get();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theExampleIsPrintedAndTheCommandEndsWithZeroWithoutTraining() {
        run.example.requested = true;
        int[] code = new int[1];
        assertThat(stdout(() -> run.train(STAGE, this::train), code)).isEqualTo("example: 1\n");
        assertThat(code[0]).isZero();
        assertThat(trained).isEmpty();
    }

    @Test
    void printConfigShowsTheResolvedConfigurationAndEndsWithZeroWithoutTraining() {
        run.config.file = Path.of("runs/s.yaml");
        run.printConfig = true;
        int[] code = new int[1];
        assertThat(stdout(() -> run.train(STAGE, this::train), code))
                .isEqualTo("configuration (" + run.config.file + "):\n  loaded: s.yaml []\n");
        assertThat(code[0]).isZero();
        assertThat(trained).isEmpty();
    }

    @Test
    void otherwiseTheConfigurationWithTheOverridesIsTrainedAndItsExitCodeReturned() {
        run.config.file = Path.of("s.yaml");
        run.config.sets.add("train.lr=1e-4");
        run.resume = true;
        int[] code = new int[1];
        stdout(() -> run.train(STAGE, this::train), code);
        assertThat(code[0]).isEqualTo(130);
        assertThat(trained).containsExactly("s.yaml [train.lr=1e-4, train.resume=true]");
    }

    @Test
    void aMissingConfigSaysHowToStartFromTheExample() {
        assertThatThrownBy(() -> run.train(STAGE, this::train))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--config is required (start from: align stage --example > stage.yaml)");
    }
}
