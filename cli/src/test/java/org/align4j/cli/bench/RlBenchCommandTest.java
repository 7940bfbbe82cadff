package org.align4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.align4j.cli.CliRunner;
import org.junit.jupiter.api.Test;

class RlBenchCommandTest {
    @Test
    void ppoGrpoAndRlooIterationsAreSplitIntoSharesThatAddUp() throws Exception {
        CliRunner.Result r = CliRunner.run("bench", "rl", "--prompts", "2", "--group", "2", "--new-tokens", "4",
                "--warmup", "0", "--iterations", "1");
        r.succeeded();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("answers_per_iteration").asInt()).isEqualTo(4);
        for (String a : new String[] {"ppo", "grpo", "rloo"}) {
            JsonNode b = j.get(a);
            assertThat(b.get("iteration_s").asDouble()).as(a).isPositive();
            assertThat(b.get("generation_share").asDouble() + b.get("scoring_share").asDouble()
                    + b.get("training_share").asDouble()).as(a).isCloseTo(1.0, within(1e-9));
        }
        assertThat(r.err()).contains("grpo iteration").contains("rloo iteration").contains("ppo iteration");
    }

    @Test
    void anUnknownAlgorithmIsAnError() {
        CliRunner.Result r = CliRunner.run("bench", "rl", "--algorithms", "ppo,a2c");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("a2c");
    }
}
