package org.align4j.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.align4j.core.generate.SamplingConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SamplingOptionsTest {
    @Command(name = "writer")
    static final class Writer {
        @Mixin SamplingOptions sampling = new SamplingOptions(96, 0.8, 0.95, 42);
    }

    private static SamplingOptions parse(String... args) {
        Writer w = new Writer();
        new CommandLine(w).parseArgs(args);
        return w.sampling;
    }

    @Test
    void theCommandsDefaultsApplyAndAreShownInTheHelp() {
        SamplingConfig cfg = parse().config(SamplingConfig.builder());
        assertThat(List.of(cfg.maxNewTokens(), cfg.temperature(), cfg.topP(), cfg.seed()))
                .containsExactly(96, 0.8, 0.95, 42L);
        assertThat(new CommandLine(new Writer()).getUsageMessage().replaceAll("\\s+", " "))
                .contains("most tokens generated per answer (default: 96)")
                .contains("sample at this temperature (default: 0.8)")
                .contains("1 = off (default: 0.95)").contains("sampling seed (default: 42)");
    }

    @Test
    void givenValuesOverrideTheDefaultsAndKeepWhatTheBaseSets() {
        SamplingConfig cfg = parse("--max-new-tokens", "8", "--temperature", "0", "--top-p", "1", "--seed", "7")
                .config(SamplingConfig.builder().topK(20).eosIds(List.of(2)).useCache(false));
        assertThat(cfg).isEqualTo(SamplingConfig.builder().maxNewTokens(8).temperature(0).topP(1).seed(7).topK(20)
                .eosIds(List.of(2)).useCache(false).build());
    }

    @Test
    void aValueOutOfRangeIsAnErrorThatNamesItsOption() {
        assertThatThrownBy(() -> parse("--top-p", "0").config(SamplingConfig.builder()))
                .hasMessageStartingWith("--top-p: must be in (0, 1]");
        assertThatThrownBy(() -> parse("--temperature", "-1").config(SamplingConfig.builder()))
                .hasMessageStartingWith("--temperature: must be >= 0");
        assertThatThrownBy(() -> parse("--max-new-tokens", "0").config(SamplingConfig.builder()))
                .hasMessageStartingWith("--max-new-tokens: must be > 0");
    }

    @Test
    void anErrorOfAnotherFieldIsLeftAsItIs() {
        assertThatThrownBy(() -> parse().config(SamplingConfig.builder().topK(-1))).hasMessageStartingWith("top_k:");
    }

    @Test
    void theRecordedSettingsNameEachValue() {
        String json = parse("--seed", "3").record(new ObjectMapper().createObjectNode()).toString();
        assertThat(json).isEqualTo("{\"max_new_tokens\":96,\"temperature\":0.8,\"top_p\":0.95,\"seed\":3}");
    }
}
