package org.align4j.ppo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.align4j.core.train.config.ConfigException;
import org.align4j.ppo.config.RlConfigLoading.Required;
import org.junit.jupiter.api.Test;

class RlConfigLoadingTest {
    record Stage(String policy, String prompts) {}

    private static final RlConfigLoading<Stage> LOADING = new RlConfigLoading<>(Stage.class,
            () -> new Stage(null, null), List.of(new Required<>("policy", Stage::policy, "the SFT model"),
                    new Required<>("prompts.train", Stage::prompts, "the prompts file")));

    @Test
    void theFirstUnsetRequiredFieldIsAnErrorNamingTheSourceTheFieldAndWhatItMustBe() {
        assertThatThrownBy(() -> LOADING.requireRunnable(new Stage(null, null), "ppo.yaml with --set x=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ppo.yaml with --set x=1: policy: must be set to the SFT model");
        assertThatThrownBy(() -> LOADING.requireRunnable(new Stage("p", null), "ppo.yaml"))
                .hasMessage("ppo.yaml: prompts.train: must be set to the prompts file");
    }

    @Test
    void aConfigurationWithEveryRequiredFieldSetPasses() {
        Stage s = new Stage("p", "t.jsonl");
        assertThat(LOADING.requireRunnable(s, "ppo.yaml")).isSameAs(s);
    }
}
