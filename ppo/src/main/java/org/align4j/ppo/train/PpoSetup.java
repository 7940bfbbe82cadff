package org.align4j.ppo.train;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.core.bundle.StopTokens;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.model.ModelConfigs;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.model.Critic;
import org.align4j.ppo.model.Policy;
import org.align4j.ppo.rollout.AnswerScorer;
import org.align4j.ppo.rollout.GeneratorSampler;
import org.align4j.ppo.rollout.PromptSet;
import org.align4j.ppo.rollout.ScoreShaping;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.RewardStats;

/** Loads what a {@link PpoConfig} names into {@link PpoParts}: models, tokenizer, prompts, sampler, reward model. */
public final class PpoSetup {
    private PpoSetup() {}

    /** Loads everything, the reward model included; the value head is drawn from the run's seed. */
    public static PpoParts load(PpoConfig cfg) {
        Path rmDir = existing("reward_model", cfg.rewardModel());
        int maxLength = cfg.reward().maxLength() != null ? cfg.reward().maxLength()
                : ModelConfigs.read(rmDir).maxPositions();
        RewardScorer rm = RewardScorer.load(rmDir, maxLength, true, cfg.reward().batchSize());
        try {
            RewardStats stats = null;
            if (cfg.reward().normalize()) {
                stats = rm.stats();
                if (stats == null) {
                    throw new IllegalArgumentException("reward.normalize: " + rmDir + " has no " + RewardStats.FILE
                            + " (score statistics saved by reward training); retrain or add it, or set reward.normalize:"
                            + " false to use raw scores");
                }
            }
            return load(cfg, rm::score, stats, rm);
        } catch (RuntimeException e) {
            closeQuietly(rm, e);
            throw e;
        }
    }

    /**
     * Loads everything but the reward model, which {@code scorer} stands for.
     *
     * @param stats the scorer's statistics for {@code reward.normalize}, or null to leave scores raw
     * @param scorerResource closed with the parts (the reward model), or null
     */
    public static PpoParts load(PpoConfig cfg, AnswerScorer scorer, RewardStats stats, AutoCloseable scorerResource) {
        Path policyDir = existing("policy", cfg.policy());
        Engine.getInstance().setRandomSeed((int) cfg.train().seed());
        Policy policy = null;
        Critic critic = null;
        try {
            policy = Policy.load(policyDir, cfg.lora(), cfg.prompts().template());
            requireTemplate(cfg, policy.bundle().tokenizer(), policyDir);
            ModelConfig mc = policy.lm().config();
            critic = cfg.separateCritic() ? separateCritic(cfg, policyDir, mc) : Critic.onPolicyTrunk(mc.hiddenSize());
            SequenceEncoder encoder = policy.bundle().encoder();
            PromptSet train = PromptSet.load(existing("prompts.train", cfg.prompts().train()), cfg.prompts().kind(),
                    cfg.prompts().skipInvalid(), encoder, cfg.prompts().maxPromptTokens(), 0);
            PromptSet eval = cfg.prompts().eval() == null ? null
                    : PromptSet.load(existing("prompts.eval", cfg.prompts().eval()), cfg.prompts().kind(),
                            cfg.prompts().skipInvalid(), encoder, cfg.prompts().maxPromptTokens(), cfg.eval().maxPrompts());
            StopTokens stops = policy.bundle().stops();
            GeneratorSampler sampler = new GeneratorSampler(cfg.generation(), stops.eosIds(), stops.stopTokenIds());
            ScoreShaping shaping = new ScoreShaping(stats, cfg.reward().missingEosPenalty(), cfg.reward().clip());
            return new PpoParts(policy, critic, sampler, scorer, shaping, train, eval, scorerResource);
        } catch (RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[] {critic, policy}) {
                closeQuietly(c, e);
            }
            throw e;
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

    /**
     * PPO samples in the format the policy was fine-tuned with, so the template must be known: configured,
     * or named by the policy's tokenizer_config.json.
     */
    static void requireTemplate(PpoConfig cfg, TextTokenizer tok, Path policyDir) {
        if (cfg.prompts().template() == null && tok.settings().templateName().isEmpty()) {
            throw new IllegalArgumentException("prompts.template: " + policyDir + "'s tokenizer_config.json names no"
                    + " align4j_template; set prompts.template to the template the policy was fine-tuned with ("
                    + String.join(", ", ChatTemplates.NAMES) + ")");
        }
    }

    private static Path existing(String field, String dir) {
        Path p = Path.of(dir);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(field + ": " + p + " does not exist");
        }
        return p;
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException primary) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
