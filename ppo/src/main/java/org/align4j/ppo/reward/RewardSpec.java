package org.align4j.ppo.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.align4j.core.train.config.Checks;

/**
 * One entry of the {@code rewards:} list of a critic-free run, e.g.
 * <pre>
 * rewards:
 *   - {type: reward_model, weight: 1.0, path: runs/rm/final}
 *   - {type: safety, weight: 1.0}
 *   - {type: over_triage, weight: 1.0}
 *   - {type: length, weight: 0.05, limit: 48}
 *   - {type: format, weight: 0.5}
 * </pre>
 *
 * @param type {@code reward_model} ({@link RewardModelReward}), {@code safety} ({@link SafetyReward}),
 *     {@code over_triage} ({@link OverTriagePenalty}), {@code length} ({@link LengthPenalty}) or {@code format} ({@link FormatReward})
 * @param name the name it is logged under ({@code reward_NAME}); null: the type
 * @param weight its weight in the sum (may be negative)
 * @param path reward_model: the model directory
 * @param normalize reward_model: standardise with its saved statistics; null: true
 * @param batchSize reward_model: answers per forward pass; null: 16
 * @param maxLength reward_model: the longest input in tokens; null: the length the model was trained on
 * @param rules safety, over_triage: a safety-rules JSON file; null: the bundled sample's rules
 * @param limit length: the answer tokens allowed before the penalty starts
 * @param pattern format: a Java regex a well-formed answer contains; null: only the stop-token and non-blank checks
 */
public record RewardSpec(String type, String name, double weight, String path, Boolean normalize, Integer batchSize,
        Integer maxLength, String rules, Integer limit, String pattern) {
    /** The reward types. */
    public static final List<String> TYPES = List.of("reward_model", "safety", "over_triage", "length", "format");

    public RewardSpec {
        Checks.oneOf("rewards.type", type, TYPES);
        String where = "rewards." + (name == null ? type : name) + ".";
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException(where + "weight: must be a finite number, got " + weight);
        }
        Map<String, Object> set = new java.util.LinkedHashMap<>();
        set.put("path", path);
        set.put("normalize", normalize);
        set.put("batch_size", batchSize);
        set.put("max_length", maxLength);
        set.put("rules", rules);
        set.put("limit", limit);
        set.put("pattern", pattern);
        List<String> allowed = switch (type) {
            case "reward_model" -> List.of("path", "normalize", "batch_size", "max_length");
            case "safety", "over_triage" -> List.of("rules");
            case "length" -> List.of("limit");
            default -> List.of("pattern");
        };
        List<String> stray = new ArrayList<>();
        set.forEach((k, v) -> {
            if (v != null && !allowed.contains(k)) {
                stray.add(k);
            }
        });
        if (!stray.isEmpty()) {
            throw new IllegalArgumentException(where + String.join(", ", stray) + ": not a key of the " + type
                    + " reward (its keys: type, name, weight, " + String.join(", ", allowed) + "); remove it");
        }
        if ("reward_model".equals(type) && (path == null || path.isBlank())) {
            throw new IllegalArgumentException(where + "path: a reward_model reward needs the model directory");
        }
        if ("length".equals(type)) {
            if (limit == null) {
                throw new IllegalArgumentException(where + "limit: a length reward needs the tokens allowed before the"
                        + " penalty starts");
            }
            Checks.atLeast(where + "limit", limit, 0);
        }
        if (batchSize != null) {
            Checks.positive(where + "batch_size", batchSize);
        }
        if (maxLength != null) {
            Checks.positive(where + "max_length", maxLength);
        }
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + "pattern: not a valid regular expression: " + e.getDescription());
            }
        }
    }

    /** The logged name. */
    public String logName() {
        return name == null ? type : name;
    }

    /**
     * This entry with its file located: a {@code reward_model} entry's {@code path} becomes {@code rewardModel}, a
     * {@code safety} or {@code over_triage} entry's {@code rules} becomes {@code safetyRules}; other entries are
     * returned as they are.
     */
    public RewardSpec locatedAt(String rewardModel, String safetyRules) {
        return switch (type) {
            case "reward_model" -> new RewardSpec(type, name, weight, rewardModel, normalize, batchSize, maxLength,
                    null, null, null);
            case "safety", "over_triage" -> new RewardSpec(type, name, weight, null, null, null, null, safetyRules, null,
                    null);
            default -> this;
        };
    }

    /** A reward-model entry (the rest defaulted). */
    public static RewardSpec rewardModel(String path, double weight) {
        return new RewardSpec("reward_model", null, weight, path, null, null, null, null, null, null);
    }
}
