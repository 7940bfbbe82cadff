package org.align4j.ppo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.config.BundledText;
import org.align4j.core.train.config.ConfigException;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.ppo.math.KlEstimator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoConfigTest {
    @TempDir Path tmp;

    Path yaml(String text) throws Exception {
        Path f = tmp.resolve("ppo.yaml");
        Files.writeString(f, text);
        return f;
    }

    static final String REQUIRED = "policy: runs/sft/final\nreward_model: runs/rm/final\nprompts:\n  train: p.jsonl\n";

    @Test
    void aMinimalFileGetsTheDocumentedDefaultsAndSectionsMergeKeyByKey() throws Exception {
        PpoConfig c = PpoConfig.load(yaml(REQUIRED + "kl:\n  estimator: k3\n  target: 2\ngeneration:\n  temperature: 0.7\n"
                + "lora:\n  r: 4\n"), List.of("ppo.ppo_epochs=2"));
        assertThat(c.kl().klEstimator()).isEqualTo(KlEstimator.K3);
        assertThat(c.kl().target()).isEqualTo(2.0);
        assertThat(c.kl().initCoef()).isEqualTo(KlConfig.defaults().initCoef());
        assertThat(c.generation().temperature()).isEqualTo(0.7);
        assertThat(c.generation().logitScale()).isEqualTo(0.7);
        assertThat(c.generation().maxNewTokens()).isEqualTo(64);
        assertThat(c.ppo().ppoEpochs()).isEqualTo(2);
        assertThat(c.ppo().stepsPerIteration()).isEqualTo(2 * 64 / 16);
        assertThat(c.lora().r()).isEqualTo(4);
        assertThat(c.lora().alpha()).isEqualTo(16.0); // filled from LoRA's defaults
        assertThat(c.criticLr()).isEqualTo(c.train().lr());
        assertThat(c.valueHead()).isEqualTo("trunk");
        // the resolved configuration reads back to the same record
        Path saved = tmp.resolve("saved.yaml");
        RunConfigLoader.writeYaml(c, saved);
        assertThat(RunConfigLoader.read(saved, PpoConfig.class)).isEqualTo(c);
    }

    @Test
    void theDocumentedExampleLoadsAndShowsEveryDefault() throws Exception {
        Path example = Files.writeString(tmp.resolve("example.yaml"),
                BundledText.read(PpoConfig.class, "/ppo.example.yaml"));
        PpoConfig c = PpoConfig.load(example, List.of());
        PpoConfig d = PpoConfig.defaults();
        assertThat(c.policy()).isEqualTo("runs/sft/final");
        assertThat(c.prompts().train()).isEqualTo("data/prompts.jsonl");
        assertThat(new PpoConfig(null, null, c.valueHead(), c.valueModel(), c.lora(),
                new PromptsConfig(null, c.prompts().eval(), c.prompts().kind(), c.prompts().template(),
                        c.prompts().maxPromptTokens(), c.prompts().skipInvalid()),
                c.generation(), c.reward(), c.kl(), c.ppo(), c.eval(), c.train())).isEqualTo(d);
    }

    @Test
    void missingRequiredPathsAreNamed() throws Exception {
        assertThatThrownBy(() -> PpoConfig.load(yaml("reward_model: rm\nprompts:\n  train: p.jsonl\n"), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("policy: must be set");
        assertThatThrownBy(() -> PpoConfig.load(yaml("policy: p\nreward_model: rm\n"), List.of()))
                .hasMessageContaining("prompts.train: must be set");
    }

    @Test
    void invalidValuesAndUnknownKeysNameTheFieldAndWhatIsAllowed() throws Exception {
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED + "kl:\n  estimator: k2\n"), List.of()))
                .hasMessageContaining("kl.estimator: must be one of [k1, k3]");
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED + "ppo:\n  minibatch_size: 24\n"), List.of()))
                .hasMessageContaining("minibatch_size: must divide rollout_batch_size 64, got 24");
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED + "ppo:\n  cliprange_vf: 0.2\n"), List.of()))
                .hasMessageContaining("unknown key 'ppo.cliprange_vf'").hasMessageContaining("cliprange_value");
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED + "value_head: shared\n"), List.of()))
                .hasMessageContaining("value_head: must be one of [trunk, separate]");
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED + "value_model: small\n"), List.of()))
                .hasMessageContaining("value_model: only used with value_head: separate");
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED), List.of("kl.init_coef=0")))
                .hasMessageContaining("init_coef: an adaptive controller multiplies");
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED), List.of("generation.top_p=0")))
                .hasMessageContaining("generation.top_p: must be in (0, 1]");
    }

    @Test
    void trainKeysThatPpoReplacesAreRejectedWithTheKeyToUse() throws Exception {
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED), List.of("train.batch_size=4")))
                .hasMessageContaining("train.batch_size: does not apply to PPO").hasMessageContaining("ppo.minibatch_size");
        assertThatThrownBy(() -> PpoConfig.load(yaml(REQUIRED), List.of("train.max_steps=100")))
                .hasMessageContaining("ppo.iterations");
    }

    @Test
    void yamlTextLoadsLikeAFileWithOverridesAndErrorsNameTheGivenSource() {
        PpoConfig c = PpoConfig.fromText(REQUIRED + "kl:\n  target: 2\n", "demo.yaml", List.of("kl.init_coef=0.3"));
        assertThat(c.kl().target()).isEqualTo(2.0);
        assertThat(c.kl().initCoef()).isEqualTo(0.3);
        assertThat(c.ppo().iterations()).isEqualTo(PpoHyper.defaults().iterations());
        assertThatThrownBy(() -> PpoConfig.fromText(REQUIRED + "kl:\n  targt: 2\n", "demo.yaml", List.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("demo.yaml").hasMessageContaining("targt")
                .hasMessageNotContaining("align4j-ppo-config");
        assertThatThrownBy(() -> PpoConfig.fromText("kl:\n  target: 2\n", "demo.yaml", List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("demo.yaml: policy: must be set");
    }
}
