package org.align4j.ppo.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.align4j.core.train.config.ConfigException;
import org.junit.jupiter.api.Test;

class RlConfigLoadingTest {
    @Test
    void anUnsetRequiredFieldIsAnErrorNamingTheSourceTheFieldAndWhatItMustBe() {
        assertThatThrownBy(() -> RlConfigLoading.require("ppo.yaml with --set x=1", "policy", null, "the SFT model"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ppo.yaml with --set x=1: policy: must be set to the SFT model");
    }

    @Test
    void aSetRequiredFieldPasses() {
        assertThatCode(() -> RlConfigLoading.require("ppo.yaml", "policy", "runs/sft/final", "the SFT model"))
                .doesNotThrowAnyException();
    }
}
