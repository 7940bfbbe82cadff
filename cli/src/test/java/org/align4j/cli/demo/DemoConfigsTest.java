package org.align4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.ppo.Ppo;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.grpo.Grpo;
import org.align4j.ppo.grpo.GrpoConfig;
import org.align4j.ppo.reward.RewardSpec;
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
        Path grpo = configs.grpo();
        Path dpo = configs.dpo();
        assertThat(List.of(sft, reward, ppo, grpo, dpo)).allSatisfy(f -> assertThat(f.getParent()).isEqualTo(dirs.configs()));
        try (var s = Files.list(dirs.configs())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sft.yaml", "reward.yaml",
                    "ppo.yaml", "grpo.yaml", "dpo.yaml");
        }

        SftConfig s = RunConfigLoader.load(sft, List.of(), SftConfig.class, SftConfig.defaults(),
                SftConfig.sectionDefaults());
        assertThat(s.train().outputDir()).isEqualTo(dirs.run("sft").toString());
        assertThat(s.train().seed()).isEqualTo(7);
        RewardTrainingConfig rm = RewardTrainingConfig.load(reward, List.of());
        assertThat(rm.train().outputDir()).isEqualTo(dirs.run("reward").toString());
        assertThat(rm.reward().labelSmoothing()).isEqualTo(0.1); // calibrated, non-saturated scores (issue 16)
        PpoConfig p = PpoConfig.load(ppo, List.of());
        assertThat(p.policy()).isEqualTo(dirs.finalModel("sft").toString());
        assertThat(p.rewardModel()).isEqualTo(dirs.finalModel("reward").toString());
        GrpoConfig g = GrpoConfig.load(grpo, List.of());
        assertThat(g.policy()).isEqualTo(dirs.finalModel("sft").toString());
        assertThat(g.rewards()).extracting(RewardSpec::type).containsExactly("reward_model", "safety", "format");
        assertThat(g.rewards().get(0).path()).isEqualTo(dirs.finalModel("reward").toString());
        assertThat(g.rewards().get(1).rules()).isEqualTo(dirs.data("safety-rules.json").toString());
        // issue 17: GRPO stays nearer the SFT model than PPO's KL target, stopping there with its latest evaluation
        assertThat(g.eval().budget().nats()).isLessThan(p.kl().target());
        assertThat(g.eval().budget().stop()).isTrue();
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

    /**
     * The bundled demo files are the one source of the demo's settings: what the demo writes is each file with the
     * demo's paths, run folder and seed, and on --quick the sizes below, and nothing else. A setting added in Java
     * makes the written file differ from this; a setting edited in a bundled file changes both sides alike.
     */
    @Test
    void everyStageConfigIsItsBundledDemoFileWithOnlyPathsSeedAndQuickSizesOverridden() throws Exception {
        for (DemoPlan plan : List.of(DemoPlan.full(), DemoPlan.quick())) {
            boolean quick = plan.name().equals("quick");
            DemoLayout dirs = new DemoLayout(tmp.resolve(plan.name()));
            DemoConfigs configs = new DemoConfigs(dirs, plan, 7);
            String trainPairs = "[" + dirs.data("pairs-train.jsonl") + "]";
            String heldOutPairs = "[" + dirs.data("pairs-heldout.jsonl") + "]";

            List<String> sft = stated(dirs, "sft", quick, List.of("train.epochs=1", "train.max_steps=40",
                    "train.eval_every=20"), "model=" + dirs.initModel(), "data.train=" + dirs.data("sft-train.jsonl"),
                    "data.validation=" + dirs.data("sft-heldout.jsonl"));
            assertThat(written(configs.sft())).isEqualTo(RunConfigLoader.toYaml(SftConfig.demo(sft)));

            List<String> rm = stated(dirs, "reward", quick, List.of("train.epochs=1", "train.max_steps=30",
                    "train.eval_every=10"), "data.train_files=" + trainPairs, "data.eval_files=" + heldOutPairs);
            assertThat(written(configs.reward()))
                    .isEqualTo(RewardTrainingConfig.loadBundled(RewardTrainingConfig.DEMO, rm).toYaml());

            List<String> ppo = stated(dirs, "ppo", quick, List.of("ppo.iterations=3", "ppo.rollout_batch_size=16",
                    "eval.every=10", "eval.max_prompts=16"), "policy=" + dirs.finalModel("sft"),
                    "reward_model=" + dirs.finalModel("reward"), "prompts.train=" + dirs.data("pairs-train.jsonl"),
                    "prompts.eval=" + dirs.data("pairs-heldout.jsonl"));
            assertThat(written(configs.ppo())).isEqualTo(RunConfigLoader.toYaml(Ppo.demoConfig(ppo)));

            List<String> grpo = stated(dirs, "grpo", quick, List.of("grpo.iterations=3",
                    "grpo.prompts_per_iteration=4", "eval.every=10", "eval.max_prompts=16"),
                    "policy=" + dirs.finalModel("sft"), "prompts.train=" + dirs.data("pairs-train.jsonl"),
                    "prompts.eval=" + dirs.data("pairs-heldout.jsonl"));
            assertThat(written(configs.grpo())).isEqualTo(RunConfigLoader.toYaml(Grpo.demoConfig(grpo,
                    dirs.finalModel("reward").toString(), dirs.data("safety-rules.json").toString())));

            List<String> dpo = stated(dirs, "dpo", quick, List.of("train.max_steps=12", "train.eval_every=6"),
                    "policy=" + dirs.finalModel("sft"), "data.train_files=" + trainPairs,
                    "data.eval_files=" + heldOutPairs);
            assertThat(written(configs.dpo())).isEqualTo(DpoConfig.demo(dpo).toYaml());
        }
    }

    @Test
    void theFullPlanRunsTheBundledSizesAndTheQuickPlanShortensEveryTrainingStage() {
        assertThat(DemoPlan.full().stageSizes()).isEmpty();
        assertThat(DemoPlan.quick().stageSizes()).containsOnlyKeys("sft", "reward", "ppo", "grpo", "dpo");
    }

    private static List<String> stated(DemoLayout dirs, String stage, boolean quick, List<String> quickSizes,
            String... paths) {
        List<String> o = new ArrayList<>(List.of(paths));
        o.add("train.output_dir=" + dirs.run(stage));
        o.add("train.seed=7");
        if (quick) {
            o.addAll(quickSizes);
        }
        return o;
    }

    /** The YAML the demo wrote, without its header comment. */
    private static String written(Path file) throws Exception {
        return Files.readString(file).lines().filter(l -> !l.startsWith("#")).map(l -> l + "\n")
                .reduce("", String::concat);
    }
}
