package org.align4j.ppo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnumSettingTest {
    enum Two { K1, K3 }

    enum Three { TOKEN, SEQUENCE, CONSTANT }

    enum One { ONLY }

    @Test
    void aNameInAnyCaseGivesItsConstant() {
        assertThat(EnumSetting.parse(Two.class, "kl_estimator", "k3")).isEqualTo(Two.K3);
        assertThat(EnumSetting.parse(Three.class, "loss_aggregation", "Sequence")).isEqualTo(Three.SEQUENCE);
    }

    @Test
    void anUnknownNameIsAnErrorListingTheChoicesInOrder() {
        assertThatThrownBy(() -> EnumSetting.parse(Three.class, "loss_aggregation", "mean"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss_aggregation 'mean' is unknown; use token, sequence or constant");
        assertThatThrownBy(() -> EnumSetting.parse(Two.class, "kl_estimator", "k2"))
                .hasMessage("kl_estimator 'k2' is unknown; use k1 or k3");
        assertThat(EnumSetting.choices(One.class)).isEqualTo("only");
    }
}
