package org.align4j.ppo.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.ppo.TinyModels;
import org.align4j.reward.RewardStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RlRewardModelTest {
    @TempDir Path tmp;

    /** The tiny reward model (128 positions), saved as trained on 64-token inputs. */
    private Path trainedOn64() throws Exception {
        Path dir = TinyModels.rewardModel(tmp.resolve("rm"), 3);
        Path cfg = dir.resolve("tokenizer_config.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode settings = (ObjectNode) json.readTree(cfg.toFile());
        settings.put("model_max_length", 64);
        json.writeValue(cfg.toFile(), settings);
        return dir;
    }

    @Test
    void inputsAreAsLongAsTheModelWasTrainedOnUnlessALengthIsGiven() throws Exception {
        Path dir = trainedOn64();
        try (RlRewardModel rm = RlRewardModel.open(dir, null, 4, true, "reward.")) {
            assertThat(rm.scorer().encoder().maxLength()).isEqualTo(64); // align eval's length, not the 128 positions
            assertThat(rm.stats()).isNotNull();
        }
        try (RlRewardModel rm = RlRewardModel.open(dir, 100, 4, false, "reward.")) {
            assertThat(rm.scorer().encoder().maxLength()).isEqualTo(100);
            assertThat(rm.stats()).isNull(); // raw scores
        }
    }

    @Test
    void normalisingWithoutSavedStatisticsNamesTheSetting() throws Exception {
        Path dir = trainedOn64();
        Files.delete(dir.resolve(RewardStats.FILE));
        assertThatThrownBy(() -> RlRewardModel.open(dir, null, 4, true, "rewards.rm."))
                .hasMessage("rewards.rm.normalize: " + dir + " has no reward_stats.json (score statistics saved by"
                        + " reward training); retrain it, or set rewards.rm.normalize: false to use raw scores");
    }
}
