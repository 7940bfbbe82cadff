package org.align4j.core.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.align4j.core.lora.LoraConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class RunConfigLoaderTest {
    /** A stage's config as the other modules define theirs. */
    record StageConfig(String model, TrainConfig train, LoraConfig lora) {
        StageConfig {
            Checks.notBlank("model", model);
        }

        static StageConfig defaults() {
            return new StageConfig("models/base", TrainConfig.defaults(), null);
        }
    }

    @TempDir Path tmp;

    private StageConfig load(String yaml, String... overrides) throws Exception {
        Path f = tmp.resolve("run.yaml");
        Files.writeString(f, yaml);
        return RunConfigLoader.load(f, List.of(overrides), StageConfig.class, StageConfig.defaults(),
                Map.of("lora", LoraConfig.defaults()));
    }

    @Test
    void fileValuesMergeOverDefaultsAndSetOverridesWin() throws Exception {
        StageConfig c = load("model: m\ntrain:\n  lr: 1e-4\n  batch_size: 4\n", "train.lr=3e-4", "train.seed=7");
        assertThat(c.model()).isEqualTo("m");
        assertThat(c.train().lr()).isEqualTo(3e-4);
        assertThat(c.train().batchSize()).isEqualTo(4);
        assertThat(c.train().seed()).isEqualTo(7);
        assertThat(c.train().epochs()).isEqualTo(TrainConfig.defaults().epochs());
        assertThat(c.lora()).isNull();
    }

    @Test
    void anOptionalSectionIsFilledFromItsDefaultsWhenTurnedOn() throws Exception {
        StageConfig c = load("model: m\nlora:\n  r: 4\n  target_modules: q_proj,v_proj\n");
        assertThat(c.lora().r()).isEqualTo(4);
        assertThat(c.lora().alpha()).isEqualTo(LoraConfig.defaults().alpha());
        assertThat(c.lora().targetModules()).containsExactly("q_proj", "v_proj");
        assertThat(load("model: m\n", "lora.r=16").lora().r()).isEqualTo(16);
        assertThat(load("model: m\nlora: {r: 4}\n", "lora=null").lora()).isNull();
    }

    /** Configs the loader refuses, and the parts of its message that say what was wrong and where. */
    static Stream<Arguments> refusedConfigs() {
        return Stream.of(
                // an unknown key is named, with the keys allowed where it stands
                inFile("an unknown key in the file", "model: m\ntrain:\n  lrr: 1e-4\n",
                        "unknown key 'train.lrr'", "allowed keys in 'train'", "batch_size"),
                inOverride("an unknown key in --set", "trian.lr=1", "unknown key 'trian'"),
                // a value of the wrong type names the field
                inFile("a word for a number", "model: m\ntrain:\n  lr: fast\n",
                        "train.lr: expected a number, got 'fast'"),
                inOverride("a list for a number", "train.batch_size=[1, 2]", "train.batch_size"),
                // an invalid value names the field, the value and what is allowed
                inFile("a negative learning rate", "model: m\ntrain:\n  lr: -1\n",
                        "train.lr: must be a number > 0, got -1.0"),
                inFile("an unknown schedule", "model: m\ntrain:\n  schedule: exponential\n",
                        "train.schedule: must be one of [constant, linear, cosine], got 'exponential'"),
                inFile("a dropout of 1.5", "model: m\nlora:\n  dropout: 1.5\n", "lora.dropout: must be in [0, 1)"),
                inFile("an empty model", "model: ''\n", "model: must be set"),
                inFile("bf16 precision", "model: m\ntrain:\n  precision: bf16\n", "train.precision: bf16"),
                // malformed YAML and overrides are reported with their source
                inFile("malformed YAML", "model: [unclosed\n", "run.yaml", "YAML"),
                inOverride("an override without =", "train.lr", "expected KEY=VALUE"),
                inOverride("a key below a value", "model.x=1", "'model' is a value"));
    }

    private static Arguments inFile(String what, String yaml, String... messageParts) {
        return Arguments.of(what, yaml, List.of(), List.of(messageParts));
    }

    /** A bad {@code --set} override on a good file. */
    private static Arguments inOverride(String what, String override, String... messageParts) {
        return Arguments.of(what, "model: m\n", List.of(override), List.of(messageParts));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedConfigs")
    void aRefusedConfigIsAConfigExceptionThatNamesWhatIsWrong(String what, String yaml, List<String> overrides,
            List<String> messageParts) {
        assertThatThrownBy(() -> load(yaml, overrides.toArray(String[]::new)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContainingAll(messageParts.toArray(String[]::new));
    }

    @Test
    void theResolvedConfigurationPrintsAsYamlThatLoadsBackEqual() throws Exception {
        StageConfig c = load("model: m\nlora: {r: 4}\n", "train.lr=2e-4");
        String yaml = RunConfigLoader.toYaml(c);
        assertThat(yaml).contains("lr: 2.0E-4").contains("batch_size: 8").contains("target_modules:");
        Path f = tmp.resolve("resolved.yaml");
        Files.writeString(f, yaml);
        assertThat(RunConfigLoader.read(f, StageConfig.class)).isEqualTo(c);
    }

    @Test
    void textLoadsLikeAFileAndErrorsNameItsSourceWithoutAnyTemporaryFile() throws Exception {
        String yaml = "model: m\ntrain:\n  lr: 1e-4\n";
        StageConfig fromText = RunConfigLoader.loadText(yaml, "bundled.yaml", List.of("train.seed=7"),
                StageConfig.class, StageConfig.defaults(), Map.of("lora", LoraConfig.defaults()));
        assertThat(fromText).isEqualTo(load(yaml, "train.seed=7"));
        assertThatThrownBy(() -> RunConfigLoader.loadText("train:\n  lrr: 1\n", "bundled.yaml", List.of(),
                StageConfig.class, StageConfig.defaults(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("bundled.yaml: unknown key 'train.lrr'");
        assertThatThrownBy(() -> RunConfigLoader.loadText("model: [a\n", "bundled.yaml", List.of(),
                StageConfig.class, StageConfig.defaults(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("bundled.yaml:").hasMessageContaining("not valid YAML");
        assertThat(RunConfigLoader.describeSource("a.yaml", List.of("x=1", "y=2"))).isEqualTo("a.yaml with --set x=1 y=2");
    }

    @Test
    void bundledTextIsReadFromTheJarAndAMissingResourceIsNamed() {
        assertThat(BundledText.exists(RunConfigLoaderTest.class, "RunConfigLoaderTest.class")).isTrue();
        assertThat(BundledText.read(RunConfigLoaderTest.class, "/org/align4j/core/train/config/RunConfigLoaderTest.class"))
                .isNotEmpty();
        assertThatThrownBy(() -> BundledText.read(RunConfigLoaderTest.class, "/nope.yaml"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/nope.yaml is missing from the jar");
    }
}
