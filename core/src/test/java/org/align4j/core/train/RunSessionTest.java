package org.align4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.core.train.metrics.MetricsJsonl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run scaffolding every stage shares, driven by a stage without a model: a counter. */
class RunSessionTest {
    @TempDir Path tmp;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    /** Adds its step number to a running sum; saves the sum; stops the run at {@code stopAfter}. */
    static final class Counter implements RunStage {
        final StopSignal signal;
        final long stopAfter;
        long sum;
        final List<Long> evaluatedAt = new ArrayList<>();
        Long restoredAt;
        MetricsJsonl extra;

        Counter(StopSignal signal, long stopAfter) {
            this.signal = signal;
            this.stopAfter = stopAfter;
        }

        @Override
        public void start(RunContext context) {
            extra = context.openLog("extra.jsonl");
        }

        @Override
        public void restore(Path checkpoint, TrainingState state) {
            try {
                sum = Long.parseLong(Files.readString(checkpoint.resolve("sum.txt")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            restoredAt = state.step();
        }

        @Override
        public Step step(TrainingState s) {
            long n = s.step() + 1;
            sum += n;
            if (n == stopAfter) {
                signal.requestStop();
            }
            extra.write(Map.of("step", n));
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("value", (double) n);
            m.put("undefined", Double.NaN);
            return new Step(new TrainingState(n, n, 0, s.seed(), s.totalSteps(), null, 0, s.tokens() + 1, 0), m);
        }

        @Override
        public boolean hasEvaluation() {
            return true;
        }

        @Override
        public Evaluation evaluate(TrainingState state) {
            evaluatedAt.add(state.step());
            return Evaluation.of(Map.of("eval_sum", (double) sum), state);
        }

        @Override
        public void saveCheckpoint(Path dir, Path stateDir) throws IOException {
            Files.writeString(dir.resolve("sum.txt"), Long.toString(sum));
        }

        @Override
        public void saveFinal(Path dir) throws IOException {
            Files.writeString(dir.resolve("sum.txt"), Long.toString(sum));
        }
    }

    TrainConfig config(String... sets) {
        List<String> all = new ArrayList<>(List.of("output_dir=" + tmp.resolve("run"), "log_every=2",
                "save_every=2", "save_total_limit=2", "seed=3"));
        all.addAll(List.of(sets));
        return RunConfigLoader.load(null, all, TrainConfig.class, TrainConfig.defaults(), Map.of());
    }

    RunSession.Outcome run(TrainConfig cfg, Counter c) {
        return new RunSession(cfg, 5, 2, "cfg: 1\n", c.signal, out).run(c);
    }

    List<JsonNode> lines(String file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String l : Files.readAllLines(tmp.resolve("run").resolve(file))) {
            rows.add(json.readTree(l));
        }
        return rows;
    }

    @Test
    void aFreshRunLogsEvaluatesAndSavesOnItsCadenceAndWritesTheFinalDirectory() throws Exception {
        Counter c = new Counter(new StopSignal(), -1);
        RunSession.Outcome o = run(config(), c);
        assertThat(o.interrupted()).isFalse();
        assertThat(o.state().step()).isEqualTo(5);
        assertThat(Files.readString(o.finalDir().resolve("sum.txt"))).isEqualTo("15");
        // evaluation at 0 (the curve's start), every 2 steps and at the end
        assertThat(c.evaluatedAt).containsExactly(0L, 2L, 4L, 5L);
        List<JsonNode> m = lines(RunDirectory.METRICS_FILE);
        assertThat(m.stream().map(n -> n.get("step").asInt() + (n.has("eval_sum") ? "e" : "l")).toList())
                .containsExactly("0e", "2l", "2e", "4l", "4e", "5l", "5e");
        // a log line averages its steps; a non-finite value is left out
        assertThat(m.get(1).get("value").asDouble()).isEqualTo(1.5);
        assertThat(m.get(1).has("undefined")).isFalse();
        // checkpoints at 2, 4 and the end, pruned to the last two, each with its state and config
        assertThat(Checkpoints.list(o.root()).stream().map(Checkpoints::stepOf).toList()).containsExactly(4L, 5L);
        Path last = Checkpoints.dir(o.root(), 5);
        assertThat(TrainingState.read(last.resolve(Checkpoints.STATE_DIR)).step()).isEqualTo(5);
        assertThat(Files.readString(last.resolve(RunDirectory.CONFIG_FILE))).isEqualTo("cfg: 1\n");
        assertThat(RunSession.tag("eval_sum")).isEqualTo("eval/sum");
        assertThat(RunSession.tag("loss")).isEqualTo("train/loss");
    }

    @Test
    void aStopRequestSavesAndAResumeContinuesExactlyWithTheLogsCutBackToTheCheckpoint() throws Exception {
        Counter first = new Counter(new StopSignal(), 3);
        RunSession.Outcome stopped = run(config(), first);
        assertThat(stopped.interrupted()).isTrue();
        assertThat(stopped.finalDir()).isNull();
        assertThat(Checkpoints.stepOf(stopped.lastCheckpoint())).isEqualTo(3);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stopped at step 3; resume with --resume");

        Counter resumed = new Counter(new StopSignal(), -1);
        RunSession.Outcome o = run(config("resume=true"), resumed);
        assertThat(resumed.restoredAt).isEqualTo(3L);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("resuming from " + stopped.lastCheckpoint()
                + " (step 3 of 5)");
        assertThat(Files.readString(o.finalDir().resolve("sum.txt"))).isEqualTo("15");
        // no evaluation at the resumed step: the curve already has it
        assertThat(resumed.evaluatedAt).containsExactly(4L, 5L);
        assertThat(lines("extra.jsonl").stream().map(n -> n.get("step").asInt()).toList())
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void resumingWithAnotherSeedIsRefusedNamingBoth() {
        run(config(), new Counter(new StopSignal(), 3));
        assertThatThrownBy(() -> run(config("resume=true", "seed=4"), new Counter(new StopSignal(), -1)))
                .hasMessageContaining("train.seed: 4 differs from the seed 3");
    }
}
