package org.align4j.ppo.config;

import java.nio.file.Path;
import java.util.List;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.train.config.Checks;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.ppo.config.RlConfigLoading.Required;

/**
 * The configuration of {@code align ppo}: PPO with a KL penalty against a frozen reference (Ziegler et al.
 * 2019, "Fine-Tuning Language Models from Human Preferences"; Ouyang et al. 2022, "Training language models
 * to follow instructions with human feedback").
 *
 * @param policy the starting policy (an SFT model directory in Hugging Face layout, with its tokenizer); the
 *     reference is this same model, frozen
 * @param rewardModel the reward model directory (a BERT regressor with its tokenizer)
 * @param valueHead {@code trunk}: the value head reads the policy's last hidden states (one model, the value
 *     loss also trains the trunk); {@code separate}: a second causal LM carries the value head
 * @param valueModel with {@code separate}: the causal LM whose trunk the critic starts from (same tokenizer
 *     as the policy); null takes a copy of the policy
 * @param lora LoRA settings (the reference is then the policy with adapters off), or null to train every weight
 * @param prompts where prompts come from
 * @param generation how answers are sampled
 * @param reward how scores are shaped
 * @param kl the KL penalty and its controller
 * @param ppo the outer loop and the clipped objectives
 * @param eval held-out evaluation
 * @param train output directory, seed, optimizer, schedule, checkpoints, resume (the shared section; its
 *     batch and epoch keys do not apply to PPO)
 */
public record PpoConfig(
        String policy,
        String rewardModel,
        String valueHead,
        String valueModel,
        LoraConfig lora,
        PromptsConfig prompts,
        GenerationSettings generation,
        RewardShapingConfig reward,
        KlConfig kl,
        PpoHyper ppo,
        EvalConfig eval,
        TrainConfig train) {
    /** The keys of {@code train:} that PPO replaces with its own: an error names the key to use instead. */
    private static final UnusedTrainKeys UNUSED_TRAIN_KEYS = new UnusedTrainKeys("PPO",
            "; PPO runs ppo.iterations iterations", "; PPO passes over each rollout ppo.ppo_epochs times",
            "; PPO sizes its batches with ppo.rollout_batch_size, ppo.minibatch_size and ppo.micro_batch_size",
            "; PPO evaluates every eval.every iterations", "; PPO has no early stopping");

    /** The policy, the reward model and the training prompts must be given. */
    private static final RlConfigLoading<PpoConfig> LOADING = new RlConfigLoading<>(PpoConfig.class,
            PpoConfig::defaults, List.of(
                    new Required<>("policy", PpoConfig::policy, "the SFT model directory to start from"),
                    new Required<>("reward_model", PpoConfig::rewardModel, "the reward model directory"),
                    new Required<>("prompts.train", c -> c.prompts().train(),
                            "the file of prompts to train on")));

    /** The value-head placements. */
    public static final List<String> VALUE_HEADS = List.of("trunk", "separate");

    public PpoConfig {
        notBlankIfSet("policy", policy);
        notBlankIfSet("reward_model", rewardModel);
        Checks.oneOf("value_head", valueHead, VALUE_HEADS);
        if (valueModel != null && !"separate".equals(valueHead)) {
            throw new IllegalArgumentException("value_model: only used with value_head: separate (got value_head: "
                    + valueHead + "); remove value_model or set value_head: separate");
        }
        requireSection("prompts", prompts);
        requireSection("generation", generation);
        requireSection("reward", reward);
        requireSection("kl", kl);
        requireSection("ppo", ppo);
        requireSection("eval", eval);
        requireSection("train", train);
        notBlankIfSet("prompts.train", prompts.train());
        UNUSED_TRAIN_KEYS.check(train);
    }

    private static void notBlankIfSet(String field, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be empty");
        }
    }

    private static void requireSection(String name, Object section) {
        if (section == null) {
            throw new IllegalArgumentException(name + ": must be a section, not null");
        }
    }

    /**
     * Defaults: a value head on the policy's trunk (TRL's AutoModelForCausalLMWithValueHead: one model in
     * memory), lr 1e-5 with linear decay (small steps keep the policy near the reference; HF Trainer's
     * schedule, which TRL's PPOTrainer inherits), a log line and checkpoint cadence counted in iterations.
     */
    public static PpoConfig defaults() {
        TrainConfig train = TrainConfig.defaults().withOutputDir("runs/ppo").withLr(1e-5).withSchedule("linear")
                .withLogEvery(1).withSaveEvery(10);
        return new PpoConfig(null, null, "trunk", null, null, PromptsConfig.defaults(),
                GenerationSettings.defaults(), RewardShapingConfig.defaults(), KlConfig.defaults(), PpoHyper.defaults(),
                EvalConfig.defaults(), train);
    }

    /**
     * Reads a YAML/JSON file (null: defaults only) with {@code --set key=value} overrides; the policy, the
     * reward model and the training prompts must be given.
     */
    public static PpoConfig load(Path file, List<String> overrides) {
        return LOADING.load(file, overrides);
    }

    /**
     * Reads a configuration given as YAML text (merged over the defaults, like a file) with {@code --set}
     * overrides, e.g. a bundled configuration whose paths an orchestrator fills in. Errors name {@code source}
     * where {@link #load(Path, List)} names the file.
     */
    public static PpoConfig fromText(String yaml, String source, List<String> overrides) {
        return LOADING.fromText(yaml, source, overrides);
    }

    /** Whether the critic is a second model. */
    public boolean separateCritic() {
        return "separate".equals(valueHead);
    }

    /** The critic's learning rate. */
    public double criticLr() {
        return ppo.criticLr() != null ? ppo.criticLr() : train.lr();
    }
}
