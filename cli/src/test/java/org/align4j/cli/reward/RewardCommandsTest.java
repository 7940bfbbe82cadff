package org.align4j.cli.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.cli.CliRunner;
import org.align4j.cli.TinyModels;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.sample.SampleData;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.config.RewardTrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code align reward train|eval|score} on a tiny BERT made the way a user makes one: a WordPiece tokenizer
 * ({@code align tokenizer train --kind wordpiece}) and {@code align model init --arch bert}.
 */
class RewardCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;

    @BeforeAll
    static void tokenizerAndModel() throws Exception {
        List<String> corpus = new ArrayList<>();
        for (PreferencePair p : SampleData.pairsHeldOut()) {
            p.prompt().forEach(m -> corpus.add(m.content()));
            corpus.addAll(List.of(p.chosen(), p.rejected()));
        }
        Files.write(dir.resolve("corpus.txt"), corpus);
        TinyModels.onCorpus(dir, dir.resolve("corpus.txt"), "wordpiece", 1000, "bert", "bert");
    }

    @Test
    void theExampleIsPrintedAndAConfigurationCanBeCheckedWithoutTraining() throws Exception {
        CliRunner.Result example = CliRunner.run("reward", "train", "--example");
        assertThat(example.exitCode()).isZero();
        assertThat(example.out()).isEqualTo(RewardTrainingConfig.bundled(RewardTrainingConfig.EXAMPLE));
        Path yaml = Files.writeString(dir.resolve("example.yaml"), example.out());

        Path out = dir.resolve("not-trained");
        CliRunner.Result print = CliRunner.run("reward", "train", "--config", yaml.toString(), "--print-config",
                "--set", "train.output_dir=" + out, "--set", "train.lr=0.002");
        print.succeeded();
        assertThat(print.out()).contains("lr: 0.002").contains("sample:pairs-train.jsonl");
        assertThat(out).doesNotExist();

        CliRunner.Result none = CliRunner.run("reward", "train");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("--config is required").contains("align reward train --example");
    }

    @Test
    void aModelTrainedFromTheCommandLineIsEvaluatedAndScoresPromptResponseLines() throws Exception {
        Path run = dir.resolve("run");
        Path yaml = Files.writeString(dir.resolve("rm.yaml"), String.join("\n",
                "model: {path: " + dir.resolve("bert") + "}",
                "data: {train_files: [sample:pairs-heldout.jsonl], eval_fraction: 0.25, max_length: 128,",
                "       truncate_answers: true}",
                "train: {output_dir: " + run + ", lr: 3.0e-3, max_steps: 6, batch_size: 8, save_every: 0}", ""));
        CliRunner.Result train = CliRunner.run("reward", "train", "--config", yaml.toString());
        train.succeeded();
        assertThat(train.out()).contains("trained 6 steps").contains("accuracy").contains("calibration")
                .contains("reward stats over the training answers");
        Path model = run.resolve("final");

        Path report = dir.resolve("report.json");
        CliRunner.Result eval = CliRunner.run("reward", "eval", "--model", model.toString(), "--data",
                "sample:pairs-heldout.jsonl", "--kind", "pairs", "--truncate-answers", "--out", report.toString());
        eval.succeeded();
        JsonNode r = JSON.readTree(report.toFile());
        assertThat(r.get("count").asInt()).isEqualTo(120);
        assertThat(r.get("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.get("calibration")).hasSize(5);

        CliRunner.Result negatives = CliRunner.run("reward", "eval", "--model", model.toString(), "--data",
                "sample:pairs-heldout.jsonl", "--kind", "pairs", "--truncate-answers", "--negatives", "--out",
                report.toString());
        negatives.succeeded();
        assertThat(negatives.out()).contains("synthetic held-out pairs: off-topic accuracy");
        JsonNode synthetic = JSON.readTree(report.toFile()).get("synthetic_negatives");
        assertThat(synthetic.get("off_topic").get("count").asInt()).isEqualTo(120);
        assertThat(synthetic.get("word_salad").get("count").asInt()).isEqualTo(120);
        CliRunner.Result onRatings = CliRunner.run("reward", "eval", "--model", model.toString(), "--data",
                "sample:ratings-heldout.jsonl", "--kind", "ratings", "--truncate-answers", "--negatives");
        assertThat(onRatings.exitCode()).isNotZero();
        assertThat(onRatings.err()).contains("--negatives: needs --kind pairs");

        PreferencePair p = SampleData.pairsHeldOut().stream().filter(x -> x.plainPrompt() != null).findFirst()
                .orElseThrow();
        Path input = dir.resolve("answers.jsonl");
        Files.write(input, List.of(
                JSON.createObjectNode().put("id", "a").put("prompt", p.plainPrompt()).put("response", p.chosen()).toString(),
                "",
                JSON.createObjectNode().put("id", "b").put("prompt", p.plainPrompt()).put("response", p.rejected())
                        .toString()));
        CliRunner.Result score = CliRunner.run("reward", "score", "--model", model.toString(), "--input",
                input.toString());
        score.succeeded();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : score.out().strip().split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).extracting(n -> n.get("id").asText()).containsExactly("a", "b");
        try (RewardScorer scorer = RewardScorer.load(model, 4)) {
            float[] expected = scorer.score(List.of(p.plainPrompt(), p.plainPrompt()), List.of(p.chosen(), p.rejected()));
            for (int i = 0; i < 2; i++) {
                assertThat(lines.get(i).get("score").floatValue()).isCloseTo(expected[i], within(1e-5f));
                assertThat(lines.get(i).get("normalized_score").asDouble())
                        .isCloseTo(scorer.stats().normalize(expected[i]), within(1e-4));
            }
        }

        Files.write(input, List.of("{\"prompt\": \"fever?\", \"response\": \"see a doctor\"}", "{\"prompt\": \"cough?\"}"));
        CliRunner.Result bad = CliRunner.run("reward", "score", "--model", model.toString(), "--input", input.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains(input + ":2: needs a string field \"response\"");
    }
}
