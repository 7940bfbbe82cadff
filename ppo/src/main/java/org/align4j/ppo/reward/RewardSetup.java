package org.align4j.ppo.reward;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.align4j.datasets.sample.SampleData;
import org.align4j.datasets.sample.SafetyRules;

/** Builds the {@link WeightedRewards} a {@code rewards:} list names, loading reward models and rule files. */
public final class RewardSetup {
    /**
     * The reward list and what it holds open (reward models); close it when done.
     */
    public record Loaded(WeightedRewards rewards, List<AutoCloseable> resources) implements AutoCloseable {
        @Override
        public void close() {
            RuntimeException first = null;
            for (AutoCloseable c : resources) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = new IllegalStateException("cannot release a reward model: " + e.getMessage(), e);
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private RewardSetup() {}

    public static Loaded load(List<RewardSpec> specs) {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            List<WeightedRewards.Term> terms = new ArrayList<>();
            for (RewardSpec s : specs) {
                terms.add(new WeightedRewards.Term(s.logName(), s.weight(), function(s, open)));
            }
            return new Loaded(new WeightedRewards(terms), open);
        } catch (RuntimeException e) {
            try {
                new Loaded(null, open).close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static RewardFunction function(RewardSpec s, List<AutoCloseable> open) {
        String where = "rewards." + s.logName() + ".";
        return switch (s.type()) {
            case "reward_model" -> {
                Path dir = Path.of(s.path());
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException(where + "path: " + dir + " is not a directory");
                }
                RlRewardModel rm = RlRewardModel.open(dir, s.maxLength(),
                        s.batchSize() == null ? RlRewardModel.DEFAULT_BATCH_SIZE : s.batchSize(),
                        s.normalize() == null || s.normalize(), where);
                open.add(rm);
                yield new RewardModelReward(rm.scorer()::score, rm.stats());
            }
            case "safety" -> new SafetyReward(rules(where, s.rules()));
            case "over_triage" -> new OverTriagePenalty(new SafetyReward(rules(where, s.rules())));
            case "length" -> new LengthPenalty(s.limit());
            case "format" -> new FormatReward(s.pattern() == null ? null : Pattern.compile(s.pattern()));
            default -> throw new IllegalArgumentException(where + "type: unknown reward type " + s.type());
        };
    }

    /**
     * The rules {@code setting} names ({@link SafetyRules#resolve}: a file, or {@code sample}), or the bundled sample's
     * rules when it is null; {@code where} names the config key in the error (e.g. "rewards.safety.").
     */
    public static SafetyRules rules(String where, String setting) {
        return setting == null ? SampleData.safetyRules() : SafetyRules.resolve(setting, where + "rules");
    }
}
