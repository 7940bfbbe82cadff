package org.align4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.sft.SftConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigsTest {
    @TempDir Path tmp;

    @Test
    void everyStageConfigLoadsWithItsCommandsLoaderAndSaysHowToReRunIt() throws Exception {
        DemoLayout dirs = new DemoLayout(tmp);
        DemoConfigs configs = new DemoConfigs(dirs, DemoPlan.full(), 7);
        Path sft = configs.sft();
        Path reward = configs.reward();
        Path ppo = configs.ppo();
        Path dpo = configs.dpo();
        assertThat(List.of(sft, reward, ppo, dpo)).allSatisfy(f -> assertThat(f.getParent()).isEqualTo(dirs.configs()));
        try (var s = Files.list(dirs.configs())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sft.yaml", "reward.yaml",
                    "ppo.yaml", "dpo.yaml");
        }

        SftConfig s = RunConfigLoader.load(sft, List.of(), SftConfig.class, SftConfig.defaults(),
                SftConfig.sectionDefaults());
        assertThat(s.train().outputDir()).isEqualTo(dirs.run("sft").toString());
        assertThat(s.train().seed()).isEqualTo(7);
        assertThat(RewardTrainingConfig.load(reward, List.of()).train().outputDir()).isEqualTo(dirs.run("reward").toString());
        PpoConfig p = PpoConfig.load(ppo, List.of());
        assertThat(p.policy()).isEqualTo(dirs.finalModel("sft").toString());
        assertThat(p.rewardModel()).isEqualTo(dirs.finalModel("reward").toString());
        DpoConfig d = DpoConfig.load(dpo, List.of());
        assertThat(d.policy()).isEqualTo(dirs.finalModel("sft").toString());
        // issue 16: the demo's DPO stays within 20 nats of the SFT model, stopping there with its best evaluation
        assertThat(d.dpo().budget().nats()).isEqualTo(20.0);
        assertThat(d.dpo().budget().stop()).isTrue();
        assertThat(d.dpo().sftWeight()).isEqualTo(1.0); // LN-DPO + RPO, chosen on the family-held-out split
        assertThat(d.dpo().lengthNormalize()).isTrue();

        assertThat(Files.readString(ppo)).startsWith("# written by align demo (full)")
                .contains("align ppo --config " + ppo + " --set train.overwrite_output_dir=true");
        assertThat(Files.readString(reward)).contains("align reward train --config " + reward);
    }
}
