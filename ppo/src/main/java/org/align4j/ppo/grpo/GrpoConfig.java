package org.align4j.ppo.grpo;

import java.nio.file.Path;
import java.util.List;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.ppo.config.EvalConfig;
import org.align4j.ppo.config.GenerationSettings;
import org.align4j.ppo.config.PromptsConfig;
import org.align4j.ppo.config.RlConfigLoading;
import org.align4j.ppo.config.RlConfigLoading.Required;
import org.align4j.ppo.config.UnusedTrainKeys;
import org.align4j.ppo.reward.RewardSpec;

/**
 * The configuration of {@code align grpo}: critic-free RL (GRPO, Shao et al. 2024; RLOO, Ahmadian et al.
 * 2024) on a weighted list of rewards.
 *
 * @param policy the starting policy (an SFT model directory with its tokenizer); the reference is this model,
 *     frozen (with LoRA: the policy with its adapters off)
 * @param lora LoRA settings, or null to train every weight
 * @param rewards the reward functions and their weights ({@link RewardSpec})
 * @param prompts where prompts come from (as in PPO)
 * @param generation how answers are sampled (as in PPO)
 * @param grpo the critic-free loop ({@link GrpoHyper})
 * @param eval held-out evaluation (as in PPO)
 * @param train output directory, seed, optimizer, schedule, checkpoints, resume (its batch and epoch keys do
 *     not apply)
 */
public record GrpoConfig(String policy, LoraConfig lora, List<RewardSpec> rewards, PromptsConfig prompts,
        GenerationSettings generation, GrpoHyper grpo, EvalConfig eval, TrainConfig train) {
    /** The keys of {@code train:} that GRPO/RLOO replace with their own: an error names the key to use instead. */
    private static final UnusedTrainKeys UNUSED_TRAIN_KEYS = new UnusedTrainKeys("GRPO/RLOO",
            "; it runs grpo.iterations iterations", "; passes over a rollout are grpo.epochs",
            "; size batches with grpo.prompts_per_iteration, grpo.group_size, grpo.minibatch_size and"
                    + " grpo.micro_batch_size",
            "; evaluate every eval.every iterations", "; there is no early stopping");

    /** The policy and the training prompts must be given. */
    private static final RlConfigLoading<GrpoConfig> LOADING = new RlConfigLoading<>(GrpoConfig.class,
            GrpoConfig::defaults, List.of(
                    new Required<>("policy", GrpoConfig::policy, "the SFT model directory to start from"),
                    new Required<>("prompts.train", c -> c.prompts().train(),
                            "the file of prompts to train on")));

    public GrpoConfig {
        if (policy != null && policy.isBlank()) {
            throw new IllegalArgumentException("policy: must not be empty");
        }
        for (Object[] s : new Object[][] {{"rewards", rewards}, {"prompts", prompts}, {"generation", generation},
            {"grpo", grpo}, {"eval", eval}, {"train", train}}) {
            if (s[1] == null) {
                throw new IllegalArgumentException(s[0] + ": must be a section, not null");
            }
        }
        if (rewards.isEmpty()) {
            throw new IllegalArgumentException("rewards: the list is empty; give at least one reward, e.g."
                    + " [{type: reward_model, weight: 1.0, path: runs/rm/final}]");
        }
        if (rewards.stream().map(RewardSpec::logName).distinct().count() != rewards.size()) {
            throw new IllegalArgumentException("rewards: two entries are named alike; give one of them a name: key");
        }
        rewards = List.copyOf(rewards);
        UNUSED_TRAIN_KEYS.check(train);
    }

    /** This configuration with another reward list. */
    public GrpoConfig withRewards(List<RewardSpec> list) {
        return new GrpoConfig(policy, lora, list, prompts, generation, grpo, eval, train);
    }

    /**
     * Defaults: no policy yet, the reward model at runs/rm/final alone, PPO's prompts, generation and eval
     * defaults, lr 1e-6 constant (TRL's GRPO default: critic-free updates have no value loss to damp them),
     * a log line every iteration.
     */
    public static GrpoConfig defaults() {
        TrainConfig d = TrainConfig.defaults();
        TrainConfig train = new TrainConfig("runs/grpo", d.seed(), 1e-6, "constant", 0, 0.0, 0.0, d.epochs(),
                d.maxSteps(), d.batchSize(), d.gradAccum(), d.maxGradNorm(), d.weightDecay(), d.adamBeta1(),
                d.adamBeta2(), d.adamEps(), 1, d.evalEvery(), 10, 0, d.earlyStoppingPatience(), false, false,
                d.precision());
        return new GrpoConfig(null, null, List.of(RewardSpec.rewardModel("runs/rm/final", 1.0)),
                PromptsConfig.defaults(), GenerationSettings.defaults(), GrpoHyper.defaults(), EvalConfig.defaults(), train);
    }

    /** Reads a YAML/JSON file (null: defaults only) with {@code --set} overrides; policy and prompts.train are required. */
    public static GrpoConfig load(Path file, List<String> overrides) {
        return LOADING.load(file, overrides);
    }

    /** Reads a configuration given as YAML text, like a file (e.g. a bundled one); errors name {@code source}. */
    public static GrpoConfig fromText(String yaml, String source, List<String> overrides) {
        return LOADING.fromText(yaml, source, overrides);
    }
}
