package org.align4j.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.preference.ImplicitReward;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;

/**
 * What {@link Evaluator} measures, on which models and data.
 *
 * @param model the policy under evaluation (a causal LM directory in Hugging Face layout)
 * @param reference the policy it is compared with (implicit-reward accuracy, KL, win rate), or null
 * @param rewardModel a reward model directory (mean reward, win rate), or null
 * @param pairs held-out preference pairs (accuracy, margin; their prompts are the generation prompts)
 * @param sft held-out SFT examples (perplexity; ROUGE-L and BLEU of greedy answers against their answers)
 * @param maxPrompts the most prompts answered per measure (generation is the expensive part)
 * @param maxNewTokens the longest generated answer
 * @param maxLength the longest scored sequence in tokens (prompts are cut from the left first)
 * @param batchSize sequences per forward pass or generation batch
 * @param resamples bootstrap resamples of the win-rate interval
 * @param seed the seed of sampled answers (KL) and of the bootstrap
 * @param beta the implicit reward's scale β (give the DPO run's {@code dpo.beta} to reproduce its margins)
 * @param shift other named pair sets scored with the same preference measures (the distribution-shift view:
 *     e.g. {@code in-family} pairs from the training families, {@code independent} hand-written pairs)
 */
public record EvalSpec(Path model, Path reference, Path rewardModel, List<PreferencePair> pairs,
        List<SftExample> sft, int maxPrompts, int maxNewTokens, int maxLength, int batchSize, int resamples,
        long seed, double beta, Map<String, List<PreferencePair>> shift) {

    /** A spec without the distribution-shift view. */
    public EvalSpec(Path model, Path reference, Path rewardModel, List<PreferencePair> pairs, List<SftExample> sft,
            int maxPrompts, int maxNewTokens, int maxLength, int batchSize, int resamples, long seed, double beta) {
        this(model, reference, rewardModel, pairs, sft, maxPrompts, maxNewTokens, maxLength, batchSize, resamples,
                seed, beta, Map.of());
    }

    /** The defaults of {@link #of} and of {@code align eval}'s options. */
    public static final int DEFAULT_MAX_PROMPTS = 64;
    public static final int DEFAULT_MAX_NEW_TOKENS = 64;
    public static final int DEFAULT_MAX_LENGTH = 512;
    public static final int DEFAULT_BATCH_SIZE = 8;
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final long DEFAULT_SEED = 0;

    /** Defaults: 64 prompts, 64 new tokens, 512-token sequences, batches of 8, 1,000 resamples, seed 0, β 0.1. */
    public static EvalSpec of(Path model, Path reference, Path rewardModel, List<PreferencePair> pairs,
            List<SftExample> sft) {
        return new EvalSpec(model, reference, rewardModel, pairs, sft, DEFAULT_MAX_PROMPTS, DEFAULT_MAX_NEW_TOKENS,
                DEFAULT_MAX_LENGTH, DEFAULT_BATCH_SIZE, DEFAULT_RESAMPLES, DEFAULT_SEED, ImplicitReward.DEFAULT_BETA);
    }

    public EvalSpec {
        requireDir(model, "model");
        if (reference != null) {
            requireDir(reference, "reference");
        }
        if (rewardModel != null) {
            requireDir(rewardModel, "reward model");
        }
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        sft = sft == null ? List.of() : List.copyOf(sft);
        Map<String, List<PreferencePair>> copy = new LinkedHashMap<>();
        if (shift != null) {
            shift.forEach((name, set) -> {
                if (set == null || set.isEmpty()) {
                    throw new IllegalArgumentException("the distribution-shift set \"" + name + "\" has no pairs;"
                            + " give a file with at least one preference pair");
                }
                copy.put(name, List.copyOf(set));
            });
        }
        shift = Collections.unmodifiableMap(copy);
        if (pairs.isEmpty() && sft.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate on: give held-out preference pairs, SFT examples"
                    + " or both");
        }
        requirePositive(maxPrompts, "max prompts");
        requirePositive(maxNewTokens, "max new tokens");
        requirePositive(maxLength, "max length");
        requirePositive(batchSize, "batch size");
        requirePositive(resamples, "bootstrap resamples");
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be a positive number, got " + beta);
        }
        if (maxLength <= maxNewTokens) {
            throw new IllegalArgumentException("max length " + maxLength + " must exceed max new tokens "
                    + maxNewTokens + " so that a prompt fits before the answer");
        }
    }

    /** This spec with other limits (the demo's quick mode evaluates fewer prompts with shorter answers). */
    public EvalSpec withLimits(int prompts, int newTokens) {
        return new EvalSpec(model, reference, rewardModel, pairs, sft, prompts, newTokens, maxLength, batchSize,
                resamples, seed, beta, shift);
    }

    /** This spec measuring the implicit reward at another β. */
    public EvalSpec withBeta(double newBeta) {
        return new EvalSpec(model, reference, rewardModel, pairs, sft, maxPrompts, maxNewTokens, maxLength, batchSize,
                resamples, seed, newBeta, shift);
    }

    /** This spec with named pair sets for the distribution-shift view. */
    public EvalSpec withShift(Map<String, List<PreferencePair>> sets) {
        return new EvalSpec(model, reference, rewardModel, pairs, sft, maxPrompts, maxNewTokens, maxLength, batchSize,
                resamples, seed, beta, sets);
    }

    private static void requireDir(Path dir, String what) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " directory " + dir + " does not exist; give a checkpoint"
                    + " directory in Hugging Face layout");
        }
    }

    private static void requirePositive(int v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }
}
