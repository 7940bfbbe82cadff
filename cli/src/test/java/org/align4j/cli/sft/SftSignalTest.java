package org.align4j.cli.sft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.align4j.cli.CliRunner;
import org.align4j.cli.TinyModels;
import org.align4j.core.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real signal to a real {@code align sft} process: it must save a checkpoint and exit cleanly. The signal is
 * SIGTERM (what a supervisor or {@code kill} sends), which runs the same shutdown hook as Ctrl-C's SIGINT: a JVM
 * started from a background job ({@code cmd &} in a script, as CI runners and nohup do) inherits SIGINT as
 * ignored and never sees it, so a SIGINT test would pass or fail depending on how the suite was launched.
 */
class SftSignalTest {
    @TempDir Path dir;

    @Test
    void aStopSignalDuringTrainingSavesACheckpointAndTheRunResumesFromIt() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            rows.add("{\"instruction\": \"Count to " + i + "\", \"output\": \"" + "one two three ".repeat(1 + i % 3)
                    + i + "\"}");
        }
        Files.write(dir.resolve("sft.jsonl"), rows);
        TinyModels.onCorpus(dir, dir.resolve("sft.jsonl"), "bpe", 300, "gpt2", "base");
        Files.writeString(dir.resolve("sft.yaml"), String.join("\n", "model: " + dir.resolve("base"), "data:",
                "  train: " + dir.resolve("sft.jsonl"), "  validation_split: 0", "  max_length: 64", "train:",
                "  output_dir: " + dir.resolve("run"), "  batch_size: 2", "  max_steps: 100000", "  save_every: 1000",
                "  log_every: 1", ""));

        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "org.align4j.cli.AlignCommand", "sft", "--config",
                dir.resolve("sft.yaml").toString()).redirectErrorStream(true);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean sent = false;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (!sent && line.contains("step 3/")) {
                    // kill -TERM (Process.destroy would close our end of the pipe)
                    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
                    sent = true;
                }
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook let the loop save
        assertThat(out).contains("stop requested").contains("saved ").contains("resume with --resume");
        Path ckpt = Checkpoints.latest(dir.resolve("run")).orElseThrow();
        assertThat(Checkpoints.stepOf(ckpt)).isGreaterThanOrEqualTo(3);
        assertThat(ckpt.resolve("training_state/optimizer.safetensors")).exists();
        assertThat(ckpt.resolve("model.safetensors")).exists();

        CliRunner.Result resumed = CliRunner.run("sft", "--config", dir.resolve("sft.yaml").toString(), "--resume",
                "--set", "train.max_steps=" + (Checkpoints.stepOf(ckpt) + 1));
        resumed.succeeded();
        assertThat(resumed.out()).contains("resuming from " + ckpt);
    }
}
