package org.align4j.ppo.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.align4j.core.train.config.BundledText;
import org.align4j.ppo.reward.RewardSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The GRPO configuration: the documented example, the reward list, and errors that name the field. */
class GrpoConfigTest {
    @TempDir Path tmp;

    private static final List<String> REQUIRED = List.of("policy=p", "prompts.train=t.jsonl");

    @Test
    void theExampleFileIsExactlyTheDefaults() throws Exception {
        Path example = Files.writeString(tmp.resolve("example.yaml"),
                BundledText.read(GrpoConfig.class, Grpo.EXAMPLE_RESOURCE));
        GrpoConfig c = GrpoConfig.load(example, List.of());
        GrpoConfig d = GrpoConfig.load(null, List.of("policy=runs/sft/final", "prompts.train=data/prompts.jsonl"));
        assertThat(c).isEqualTo(d);
    }

    @Test
    void theDemoConfigurationLocatesItsRewardFilesAndKeepsTheFilesWeights() {
        GrpoConfig c = Grpo.demoConfig(REQUIRED, "out/runs/reward/final", "out/data/safety-rules.json");
        assertThat(c.rewards()).extracting(RewardSpec::type).containsExactly("reward_model", "safety", "format");
        assertThat(c.rewards()).extracting(RewardSpec::weight).containsExactly(1.0, 1.0, 0.5);
        assertThat(c.rewards().get(0).path()).isEqualTo("out/runs/reward/final");
        assertThat(c.rewards().get(1).rules()).isEqualTo("out/data/safety-rules.json");
        assertThat(c.eval().budget().stop()).isTrue();
        // an entry of another type keeps what it had
        RewardSpec length = new RewardSpec("length", null, 0.05, null, null, null, null, null, 40, null);
        assertThat(length.locatedAt("rm", "rules.json")).isSameAs(length);
        RewardSpec over = new RewardSpec("over_triage", null, 1.0, null, null, null, null, null, null, null);
        assertThat(over.locatedAt("rm", "rules.json").rules()).isEqualTo("rules.json");
    }

    @Test
    void aRewardListIsReadWithItsWeightsAndTypes() throws Exception {
        Path f = Files.writeString(tmp.resolve("g.yaml"), String.join("\n", "policy: p", "prompts: {train: t.jsonl}",
                "rewards:", "  - {type: reward_model, weight: 1.0, path: rm, normalize: false}",
                "  - {type: safety, weight: 2.0}", "  - {type: length, name: brevity, weight: 0.05, limit: 48}",
                "  - {type: format, weight: 0.5, pattern: 'doctor'}", "grpo: {algorithm: rloo}", ""));
        GrpoConfig c = GrpoConfig.load(f, List.of());
        assertThat(c.rewards()).extracting(RewardSpec::logName).containsExactly("reward_model", "safety", "brevity",
                "format");
        assertThat(c.rewards()).extracting(RewardSpec::weight).containsExactly(1.0, 2.0, 0.05, 0.5);
        assertThat(c.grpo().rloo()).isTrue();
        assertThat(c.grpo().klInReward()).isTrue(); // RLOO's KL goes into the reward unless told otherwise
        assertThat(GrpoConfig.load(null, REQUIRED).grpo().klInReward()).isFalse(); // GRPO's is a loss term
    }

    @Test
    void aMissingPolicyIsNamed() {
        assertThatThrownBy(() -> GrpoConfig.load(null, List.of("prompts.train=t.jsonl")))
                .hasMessageContaining("policy: must be set");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void errorsNameTheFieldAndTheFix(List<String> overrides, String message) {
        assertThatThrownBy(() -> GrpoConfig.load(null, plus(overrides.toArray(String[]::new))))
                .hasMessageContaining(message);
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                arguments(List.of("grpo.group_size=1"), "group_size"),
                arguments(List.of("grpo.minibatch_size=5"),
                        "minibatch_size: must divide prompts_per_iteration × group_size = 32"),
                arguments(List.of("grpo.loss_aggregation=mean"), "loss_aggregation 'mean' is unknown"),
                arguments(List.of("grpo.algorithm=rloo", "grpo.scale_rewards=false"), "scale_rewards"),
                arguments(List.of("rewards=[]"), "rewards: the list is empty"),
                arguments(List.of("rewards=[{type: safety, weight: 1, limit: 3}]"),
                        "limit: not a key of the safety reward"),
                arguments(List.of("rewards=[{type: safety, weight: 1, colour: red}]"), "colour"),
                arguments(List.of("eval.kl_budget=-1"), "kl_budget: must be >= 0"),
                arguments(List.of("eval.stop_on_kl_budget=true"), "stop_on_kl_budget: true needs a kl_budget"),
                arguments(List.of("train.batch_size=4"), "train.batch_size: does not apply"),
                arguments(List.of("grpo.kl_in=both"), "kl_in"));
    }

    private static List<String> plus(String... more) {
        List<String> o = new java.util.ArrayList<>(REQUIRED);
        o.addAll(List.of(more));
        return o;
    }
}
