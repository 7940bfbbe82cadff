package org.align4j.ppo.grpo;

import org.align4j.ppo.reward.RewardSetup;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.train.PolicyInputs;

/** Loads what a {@link GrpoConfig} names into {@link GrpoParts}. */
public final class GrpoSetup {
    private GrpoSetup() {}

    /** The policy side and the configured reward list (reward models loaded). */
    public static GrpoParts load(GrpoConfig cfg) {
        RewardSetup.Loaded rewards = RewardSetup.load(cfg.rewards());
        try {
            return load(cfg, rewards.rewards(), rewards);
        } catch (RuntimeException e) {
            try {
                rewards.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The policy side with a given reward list (tests); {@code resources} is closed with the parts, may be null. */
    public static GrpoParts load(GrpoConfig cfg, WeightedRewards rewards, AutoCloseable resources) {
        PolicyInputs in = PolicyInputs.load(cfg.policy(), cfg.lora(), cfg.prompts(), cfg.generation(), cfg.eval(),
                cfg.train().seed());
        try {
            in.checkFits(cfg.generation().maxNewTokens());
            return new GrpoParts(in, rewards, resources);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
