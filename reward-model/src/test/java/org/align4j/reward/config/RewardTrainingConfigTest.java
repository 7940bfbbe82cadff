package org.align4j.reward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.align4j.core.train.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class RewardTrainingConfigTest {
    @TempDir Path tmp;

    private Path yaml(String text) throws Exception {
        Path f = tmp.resolve("rm.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aFileWithInitAndOverridesLoadsWithTheDefaultsFilledIn() throws Exception {
        RewardTrainingConfig c = RewardTrainingConfig.load(yaml("""
                model: {init: {preset: tiny}}
                data: {kind: ratings, train_files: [r.jsonl]}
                train: {output_dir: runs/rm, lr: 1.0e-3}
                """), List.of("data.max_length=64", "train.batch_size=4"));
        assertThat(c.model().init()).isEqualTo(new ModelInit("tiny", null, 2000));
        assertThat(c.model().path()).isNull();
        assertThat(c.data().pairwise()).isFalse();
        assertThat(c.data().maxLength()).isEqualTo(64);
        assertThat(c.data().evalFraction()).isEqualTo(0.1);
        assertThat(c.train().lr()).isEqualTo(1e-3);
        assertThat(c.train().batchSize()).isEqualTo(4);
        assertThat(c.reward()).isEqualTo(RewardLossConfig.defaults());
        // the YAML it prints and saves reads back to the same configuration
        Path saved = tmp.resolve("saved.yaml");
        Files.writeString(saved, c.toYaml());
        assertThat(RewardTrainingConfig.load(saved, List.of())).isEqualTo(c);
    }

    @Test
    void theBundledExampleConfigLoads() throws Exception {
        Path example = tmp.resolve("example.yaml");
        try (var in = RewardTrainingConfig.class.getResourceAsStream("/org/align4j/reward/rm-sample.yaml")) {
            assertThat(in).as("rm-sample.yaml on the classpath").isNotNull();
            Files.copy(in, example);
        }
        RewardTrainingConfig c = RewardTrainingConfig.load(example, List.of());
        assertThat(c.data().pairwise()).isTrue();
        assertThat(c.model().init()).isNotNull();
        assertThat(c.data().trainFiles()).containsExactly("sample:pairs-train.jsonl");
        assertThat(c.data().evalFiles()).containsExactly("sample:pairs-heldout.jsonl");
        // the example spells out every key: its YAML has the same keys as the resolved configuration
        assertThat(RewardTrainingConfig.bundled(RewardTrainingConfig.EXAMPLE)).isEqualTo(Files.readString(example));
        for (String line : c.toYaml().lines().map(String::strip).filter(l -> l.endsWith(":") || l.contains(": "))
                .toList()) {
            String key = line.substring(0, line.indexOf(':'));
            assertThat(Files.readString(example)).as("example documents %s", key).contains(key + ":");
        }
    }

    @Test
    void theDemoConfigLoadsFromTheClasspathWithOverrides() {
        RewardTrainingConfig c = RewardTrainingConfig.loadBundled(RewardTrainingConfig.DEMO, List.of("train.output_dir=" + tmp.resolve("rm")));
        assertThat(c.train().outputDir()).isEqualTo(tmp.resolve("rm").toString());
        assertThat(c.model().init().preset()).isEqualTo("small"); // the demo's reward model
        assertThat(c.train().epochs()).isPositive();
        assertThat(c.data().evalFiles()).isNotEmpty();
        assertThatThrownBy(() -> RewardTrainingConfig.bundled("rm-huge.yaml")).hasMessageContaining("use rm-sample.yaml or rm-demo.yaml");
    }

    @Test
    void yamlTextLoadsLikeAFileAndErrorsNameTheGivenSource() {
        RewardTrainingConfig c = RewardTrainingConfig.fromText("model: {init: {preset: tiny}}\ndata: {train_files: [p.jsonl]}\n",
                "inline.yaml", List.of("train.lr=0.01"));
        assertThat(c.train().lr()).isEqualTo(0.01);
        assertThat(c.model().init().preset()).isEqualTo("tiny");
        assertThatThrownBy(() -> RewardTrainingConfig.fromText("model: {init: {presett: tiny}}\n", "inline.yaml", List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("inline.yaml")
                .hasMessageContaining("unknown key 'model.init.presett'");
        assertThatThrownBy(() -> RewardTrainingConfig.fromText("model: {init: {}}\n", "inline.yaml", List.of()))
                .hasMessageContaining("inline.yaml: data: give train_files");
    }

    @Test
    void unknownKeysAreErrorsThatListTheAllowedOnes() throws Exception {
        assertThatThrownBy(() -> RewardTrainingConfig.load(yaml("""
                model: {path: bert}
                data: {train_files: [p.jsonl], max_len: 64}
                """), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'data.max_len'")
                .hasMessageContaining("max_length");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidValuesNameTheFieldAndWhatIsAllowed(String override, String message) throws Exception {
        Path f = yaml("model: {path: bert}\ndata: {train_files: [p.jsonl]}\n");
        assertThatThrownBy(() -> RewardTrainingConfig.load(f, List.of(override))).hasMessageContaining(message);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments("data.kind=scores", "data.kind: must be one of [pairs, ratings], got 'scores'"),
                arguments("model.init.preset=huge", "model.init.preset: must be one of [tiny, small], got 'huge'"),
                arguments("model.init.preset=tiny", "model.path: set either model.path"),
                arguments("data.max_length=4", "max_length: must be >= 8, got 4"),
                arguments("reward.center_rewards_coefficient=-1", "center_rewards_coefficient: must be a number >= 0"),
                arguments("data.eval_files=[e.jsonl]", "eval_fraction: 0.1 splits the training rows"),
                arguments("data.negatives.off_topic=2", "data.negatives.off_topic: must be in [0.0, 1.0], got 2.0"),
                arguments("data.negatives.wordsalad=1", "unknown key 'data.negatives.wordsalad'"));
    }

    @Test
    void aRunNeedsAModelAndDataAndPairOptionsOnlyApplyToPairs() throws Exception {
        assertThatThrownBy(() -> RewardTrainingConfig.load(yaml("data: {train_files: [p.jsonl]}\n"), List.of()))
                .hasMessageContaining("model: set model.path");
        assertThatThrownBy(() -> RewardTrainingConfig.load(yaml("model: {init: {}}\n"), List.of()))
                .hasMessageContaining("data: give train_files");
        Path ratings = yaml("model: {init: {}}\ndata: {kind: ratings, db: jdbc:h2:mem:x}\n");
        assertThat(RewardTrainingConfig.load(ratings, List.of()).data().db()).isEqualTo("jdbc:h2:mem:x");
        assertThatThrownBy(() -> RewardTrainingConfig.load(ratings, List.of("reward.margin_scale=1")))
                .hasMessageContaining("reward.margin_scale: 1.0 applies to pairs only");
        assertThatThrownBy(() -> RewardTrainingConfig.load(ratings, List.of("data.negatives.word_salad=0.5")))
                .hasMessageContaining("data.negatives: synthetic pairs apply to kind pairs only");
    }
}
