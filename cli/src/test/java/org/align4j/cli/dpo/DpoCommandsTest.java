package org.align4j.cli.dpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.cli.CliRunner;
import org.align4j.cli.TinyModels;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.pairs.Choice;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpoCommandsTest {
    @TempDir static Path dir;
    static final String[] SYMPTOMS = {"fever", "cough", "rash", "headache", "nausea", "back pain", "sore throat",
        "ear pain", "dizziness", "a stomach ache"};
    static final String[] WHO = {"my son", "my daughter", "my father", "my mother"};

    /** Prompt, careful answer, careless answer. */
    static List<String[]> triples() {
        List<String[]> out = new ArrayList<>();
        for (String w : WHO) {
            for (String s : SYMPTOMS) {
                out.add(new String[] {w + " has " + s + " for three days. what should we do?",
                    "please see a doctor about the " + s + " and rest until then.",
                    "ignore the " + s + ", it will pass."});
            }
        }
        return out;
    }

    @BeforeAll
    static void modelAndPairs() throws Exception {
        List<String> text = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (String[] t : triples()) {
            text.addAll(List.of(t));
            pairs.add("{\"prompt\": \"" + t[0] + "\", \"chosen\": \"" + t[1] + "\", \"rejected\": \"" + t[2] + "\"}");
        }
        Files.write(dir.resolve("corpus.txt"), text);
        Files.write(dir.resolve("pairs.jsonl"), pairs);
        TinyModels.onCorpus(dir, dir.resolve("corpus.txt"), "bpe", 320, "gpt2", "policy");
        Files.writeString(dir.resolve("dpo.yaml"), String.join("\n",
                "policy: " + dir.resolve("policy"),
                "data:",
                "  train_files: [" + dir.resolve("pairs.jsonl") + "]",
                "  eval_fraction: 0.25",
                "  max_length: 64",
                "dpo:",
                "  reference: precomputed",
                "train:",
                "  output_dir: " + dir.resolve("run"),
                "  lr: 3.0e-3",
                "  schedule: constant",
                "  batch_size: 8",
                "  max_steps: 4",
                "  log_every: 1",
                "  eval_every: 4",
                "  save_every: 2",
                ""));
    }

    @Test
    void dpoTrainsLogsBothAnswersAndResumes() throws Exception {
        CliRunner.Result example = CliRunner.run("dpo", "--example");
        assertThat(example.out()).contains("reference: precomputed", "sft_weight");
        CliRunner.Result r = CliRunner.run("dpo", "--config", dir.resolve("dpo.yaml").toString());
        r.succeeded();
        assertThat(r.out()).contains("30 training pairs, 10 held-out pairs", "reference log-probs: computed",
                "trainable params:", "done: 4 steps");
        String metrics = Files.readString(dir.resolve("run/metrics.jsonl"));
        assertThat(metrics).contains("\"eval_preference_accuracy\":0.5", "\"logps/chosen\"", "\"logps/rejected\"",
                "\"rewards/margins\"");
        CliRunner.Result resumed = CliRunner.run("dpo", "--config", dir.resolve("dpo.yaml").toString(), "--resume",
                "--set", "train.max_steps=6");
        resumed.succeeded();
        assertThat(resumed.out()).contains("reusing ref_logps-", "resuming from", "done: 6 steps");
        CliRunner.Result bad = CliRunner.run("dpo", "--config", dir.resolve("dpo.yaml").toString(), "--set",
                "dpo.loss=dpo");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("error: ", "dpo.loss", "sigmoid, ipo, hinge, simpo, orpo");
    }

    @Test
    void dpoRefreshExitCodesTellGateFailurePromotionAndNothingToDoApart() throws Exception {
        String db = dir.resolve("feedback/db").toString();
        try (FeedbackStore store = FeedbackStore.open(db, new PasswordHasher(4), java.time.Clock.systemUTC())) {
            ModelVersion sft = store.models().register("sft", dir.resolve("policy").toString(), null);
            User doctor = store.users().add("dr-a", "Dr A", "correct horse battery".toCharArray(), Role.DOCTOR);
            for (String[] t : triples()) {
                Enqueued e = store.queue().enqueue(t[0], List.of(t[1], t[2]), sft.id(), "{}");
                store.feedback().compare(doctor.id(), e.responseIds().get(0), e.responseIds().get(1), Choice.A, null);
            }
        }
        List<String> base = List.of("dpo-refresh", "--db", db, "--policy", dir.resolve("policy").toString(),
                "--set", "models_root=" + dir.resolve("models"), "--set", "min_new_pairs=8", "--set", "heldout_fraction=0.25",
                "--set", "gate.min_heldout_pairs=2", "--set", "max_length=64", "--set", "train.lr=3e-3",
                "--set", "train.max_steps=2", "--set", "train.batch_size=8");
        CliRunner.Result failed = CliRunner.run(with(base, "--set", "gate.min_accuracy_gain=0.9"));
        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(3);
        assertThat(failed.out()).contains("gate failed: ", "gate.min_accuracy_gain");
        CliRunner.Result promoted = CliRunner.run(with(base));
        promoted.succeeded();
        assertThat(promoted.out()).contains("promoted: promoted dpo-refresh-run-2");
        assertThat(Files.readSymbolicLink(dir.resolve("models/production"))).hasToString("versions/dpo-refresh-run-2");
        CliRunner.Result nothing = CliRunner.run(with(base));
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).contains("nothing to do: 0 new training pairs");
        assertThat(CliRunner.run(with(base, "--nothing-to-do-exit-code", "10")).exitCode()).isEqualTo(10);
        CliRunner.Result usage = CliRunner.run("dpo-refresh", "--db", db);
        assertThat(usage.exitCode()).isEqualTo(1);
        assertThat(usage.err()).contains("--policy");
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
