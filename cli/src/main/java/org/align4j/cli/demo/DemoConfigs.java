package org.align4j.cli.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.datasets.io.AtomicFiles;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.ppo.Ppo;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.grpo.Grpo;
import org.align4j.ppo.grpo.GrpoConfig;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.sft.SftConfig;

/**
 * Writes the demo's stage configurations into {@code OUT/configs/} as complete, resolved YAML: each is the stage's
 * bundled demo configuration (sft.demo.yaml, rm-demo.yaml, ppo.demo.yaml, dpo.demo.yaml: the one place its settings
 * live) with the demo's paths, its seed and the plan's sizes ({@link DemoPlan#sizes}) set over it, validated by the
 * same loaders the commands use. A user re-runs or varies any stage with
 * {@code align sft --config OUT/configs/sft.yaml --set train.lr=...}.
 */
record DemoConfigs(DemoLayout dirs, DemoPlan plan, long seed) {
    /**
     * The β at which the evaluation measures the implicit reward of summed log-ratios (the sign, hence the preference
     * accuracy, does not depend on it). The DPO stage itself trains on length-averaged log-ratios at dpo.demo.yaml's
     * β.
     */
    static final double DPO_BETA = 0.1;

    /** SFT of the freshly initialised Qwen2 on the sample's SFT examples (sft.demo.yaml). */
    Path sft() {
        SftConfig c = SftConfig.demo(overrides("sft", "model=" + dirs.initModel(),
                "data.train=" + dirs.data("sft-train.jsonl"), "data.validation=" + dirs.data("sft-heldout.jsonl")));
        return write("sft.yaml", "align sft", RunConfigLoader.toYaml(c));
    }

    /** A BERT reward model from scratch, Bradley–Terry on the training pairs, evaluated on the held-out ones (rm-demo.yaml). */
    Path reward() {
        RewardTrainingConfig c = RewardTrainingConfig.loadBundled(RewardTrainingConfig.DEMO, overrides("reward",
                "data.train_files=[" + dirs.data("pairs-train.jsonl") + "]",
                "data.eval_files=[" + dirs.data("pairs-heldout.jsonl") + "]"));
        return write("reward.yaml", "align reward train", c.toYaml());
    }

    /** PPO from the SFT model against the reward model, KL-penalised towards the SFT model (ppo.demo.yaml). */
    Path ppo() {
        PpoConfig c = Ppo.demoConfig(overrides("ppo", "policy=" + dirs.finalModel("sft"),
                "reward_model=" + dirs.finalModel("reward"), "prompts.train=" + dirs.data("pairs-train.jsonl"),
                "prompts.eval=" + dirs.data("pairs-heldout.jsonl")));
        return write("ppo.yaml", "align ppo", RunConfigLoader.toYaml(c));
    }

    /**
     * GRPO from the SFT model on the reward model plus the red-flag safety rules, with a KL budget at PPO's target
     * (grpo.demo.yaml).
     */
    Path grpo() {
        GrpoConfig c = Grpo.demoConfig(overrides("grpo", "policy=" + dirs.finalModel("sft"),
                "prompts.train=" + dirs.data("pairs-train.jsonl"), "prompts.eval=" + dirs.data("pairs-heldout.jsonl")),
                dirs.finalModel("reward").toString(), dirs.data("safety-rules.json").toString());
        return write("grpo.yaml", "align grpo", RunConfigLoader.toYaml(c));
    }

    /** LN-DPO with RPO's NLL term and a KL budget, from the SFT model on the training pairs (dpo.demo.yaml). */
    Path dpo() {
        DpoConfig c = DpoConfig.demo(overrides("dpo", "policy=" + dirs.finalModel("sft"),
                "data.train_files=[" + dirs.data("pairs-train.jsonl") + "]",
                "data.eval_files=[" + dirs.data("pairs-heldout.jsonl") + "]"));
        return write("dpo.yaml", "align dpo", c.toYaml());
    }

    /** {@code paths}, then the run folder and seed, then the plan's sizes of {@code stage}. */
    private List<String> overrides(String stage, String... paths) {
        List<String> o = new ArrayList<>(List.of(paths));
        o.add("train.output_dir=" + dirs.run(stage));
        o.add("train.seed=" + seed);
        o.addAll(plan.sizes(stage));
        return o;
    }

    private Path write(String name, String command, String yaml) {
        Path file = dirs.configs().resolve(name);
        String head = "# written by align demo (" + plan.name() + "); re-run this stage (train.output_dir holds the"
                + " demo's run) with\n#   " + command + " --config " + file + " --set train.overwrite_output_dir=true\n"
                + "# or vary it into another folder: --set train.output_dir=DIR --set train.lr=...\n";
        AtomicFiles.write(file, (head + yaml).getBytes(StandardCharsets.UTF_8)); // never a half-written config
        return file;
    }
}
