package org.align4j.ppo.train;

import java.nio.file.Path;
import org.align4j.core.io.Closeables;
import org.align4j.core.model.ModelConfig;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.model.Critic;
import org.align4j.ppo.reward.RewardSetup;
import org.align4j.ppo.reward.RlRewardModel;
import org.align4j.ppo.reward.SafetyReward;
import org.align4j.ppo.rollout.AnswerScorer;
import org.align4j.ppo.rollout.ScoreShaping;
import org.align4j.reward.RewardStats;

/** Loads what a {@link PpoConfig} names into {@link PpoParts}: models, tokenizer, prompts, sampler, reward model. */
public final class PpoSetup {
    private PpoSetup() {}

    /** Loads everything, the reward model included; the value head is drawn from the run's seed. */
    public static PpoParts load(PpoConfig cfg) {
        Path rmDir = existing("reward_model", cfg.rewardModel());
        RlRewardModel rm = RlRewardModel.open(rmDir, cfg.reward().maxLength(), cfg.reward().batchSize(),
                cfg.reward().normalize(), "reward.");
        try {
            return load(cfg, rm.scorer()::score, rm.stats(), rm.scorer());
        } catch (RuntimeException e) {
            throw Closeables.closeOnFailure(e, rm);
        }
    }

    /**
     * Loads everything but the reward model, which {@code scorer} stands for.
     *
     * @param stats the scorer's statistics for {@code reward.normalize}, or null to leave scores raw
     * @param scorerResource closed with the parts (the reward model), or null
     */
    public static PpoParts load(PpoConfig cfg, AnswerScorer scorer, RewardStats stats, AutoCloseable scorerResource) {
        PolicyInputs in = PolicyInputs.load(cfg.policy(), cfg.lora(), cfg.prompts(), cfg.generation(), cfg.eval(),
                cfg.train().seed());
        Critic critic = null;
        try {
            Path policyDir = Path.of(cfg.policy());
            ModelConfig mc = in.policy().lm().config();
            critic = cfg.separateCritic() ? separateCritic(cfg, policyDir, mc) : Critic.onPolicyTrunk(mc.hiddenSize());
            ScoreShaping shaping = new ScoreShaping(stats, cfg.reward().missingEosPenalty(), cfg.reward().clip(),
                    safety(cfg), cfg.reward().safetyWeight(), cfg.reward().overTriagePenalty());
            return new PpoParts(in.policy(), critic, in.sampler(), scorer, shaping, in.trainPrompts(), in.evalPrompts(),
                    scorerResource);
        } catch (RuntimeException e) {
            throw Closeables.closeOnFailure(e, critic, in);
        }
    }

    private static Critic separateCritic(PpoConfig cfg, Path policyDir, ModelConfig policyConfig) {
        Path dir = cfg.valueModel() == null ? policyDir : existing("value_model", cfg.valueModel());
        Critic c = Critic.separate(dir);
        if (c.trunk().config().vocabSize() != policyConfig.vocabSize()) {
            c.close();
            throw new IllegalArgumentException("value_model: " + dir + " has a vocabulary of "
                    + c.trunk().config().vocabSize() + " tokens but the policy " + policyConfig.vocabSize()
                    + "; the critic reads the policy's token ids, so it needs the same tokenizer");
        }
        return c;
    }

    private static Path existing(String field, String dir) {
        return PolicyInputs.existing(field, dir);
    }

    /**
     * The red-flag rules, the file {@code reward.safety_rules} or else the bundled ones: they shape the score when
     * {@code reward.safety_weight} or {@code reward.over_triage_penalty} is > 0, and measure the answers in every run.
     */
    static SafetyReward safety(PpoConfig cfg) {
        return new SafetyReward(RewardSetup.rules("reward.safety_", cfg.reward().safetyRules()));
    }
}
