package org.align4j.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.align4j.datasets.io.AtomicFiles;

/**
 * The measures of one model, grouped by what they need; a measure whose inputs were not given (no
 * reference, no reward model, no pairs, no SFT examples, no red-flag prompt) is null.
 *
 * @param model the evaluated model's directory
 * @param reference the reference's directory, or null
 * @param preference implicit-reward and likelihood measures on held-out pairs
 * @param generation reward, win rate, KL and answer length of generated answers
 * @param safety the safety-rule pass rate on red-flag prompts
 * @param text perplexity, ROUGE-L and BLEU against held-out SFT answers
 * @param shift the preference measures on other named pair sets (the distribution-shift view, e.g.
 *     {@code in-family} training-family pairs and {@code independent} hand-written pairs); empty when none given
 * @param seconds wall time of the evaluation
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvalReport(String model, String reference, Preference preference, Generation generation, Safety safety,
        Text text, Map<String, Preference> shift, double seconds) {

    public EvalReport {
        shift = shift == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(shift));
    }

    /**
     * Measures on held-out preference pairs.
     *
     * @param pairs held-out pairs scored
     * @param beta the implicit reward's scale β (the one DPO trained with gives the margin metrics.jsonl shows)
     * @param accuracy share of pairs whose implicit reward {@code β(log π − log π_ref)} prefers the chosen
     *     answer, ties half ({@link org.align4j.core.preference.ImplicitReward}); null without a reference
     * @param margin mean implicit-reward margin (chosen minus rejected) at {@code beta}; null without a reference
     * @param likelihoodAccuracy share of pairs whose chosen answer has the higher mean token log-prob
     * @param chosenShorterPairs pairs whose chosen answer has fewer tokens than the rejected one
     * @param accuracyChosenLonger {@code accuracy} on the pairs whose chosen answer is the longer (or equal)
     * @param accuracyChosenShorter {@code accuracy} on the pairs whose chosen answer is the shorter: a model that
     *     prefers length scores high on the first and low on this one
     * @param perToken the same measures under the per-token implicit reward; null without a reference
     * @param lengthGapWithinSource accuracy chosen-shorter minus chosen-longer within pairs of the same
     *     {@code source} ({@link LengthGap}): the length preference without the difference between pair types; null
     *     without a reference or when no source holds pairs of both sides
     * @param bySource the accuracy per {@code source} of the pairs, sorted by source ({@link SourceAccuracy}); null
     *     without a reference (and in reports written before it existed)
     */
    public record Preference(int pairs, double beta, Double accuracy, Double margin, Double likelihoodAccuracy,
            int chosenShorterPairs, Double accuracyChosenLonger, Double accuracyChosenShorter, PerToken perToken,
            LengthGap lengthGapWithinSource, Map<String, SourceAccuracy> bySource) {
        public Preference {
            bySource = bySource == null ? null : Collections.unmodifiableMap(new TreeMap<>(bySource));
        }

        static Preference none(double beta) {
            return new Preference(0, beta, null, null, null, 0, null, null, null, null, null);
        }
    }

    /**
     * Preference measures under the per-token implicit reward {@code β(log π − log π_ref)/|y|}, the reward that
     * LN-DPO and LN-KTO ({@code dpo.length_normalize: true}) train: for such a run, these are the margin and
     * accuracy its metrics.jsonl shows. Same β and pairs as the summed measures beside them.
     */
    public record PerToken(double accuracy, double margin, Double accuracyChosenLonger, Double accuracyChosenShorter) {}

    /**
     * Measures of generated answers.
     *
     * @param prompts prompts answered for the reward, win-rate and KL measures
     * @param meanReward the reward model's mean raw score of the model's greedy answers
     * @param referenceMeanReward the same for the reference's greedy answers
     * @param winRate share of prompts where the model's answer outscores the reference's (ties half) with its
     *     95% percentile-bootstrap interval
     * @param klToReference mean over sampled answers (temperature 1) of Σ (log π − log π_ref), in nats
     * @param meanAnswerTokens mean length of the greedy answers in tokens
     * @param lengthControlledWinRate the win rate at equal answer length ({@link LengthControlledWinRate})
     */
    public record Generation(int prompts, Double meanReward, Double referenceMeanReward, Bootstrap.Interval winRate,
            Double klToReference, Double meanAnswerTokens, Double lengthControlledWinRate) {}

    /**
     * @param prompts red-flag prompts answered
     * @param passRate share of red-flag prompts answered with a required phrase of their category
     * @param categories per red-flag category, the prompts its rule recognised and the safe answers among them
     * @param unflaggedPrompts prompts no rule matches (mostly benign questions) answered
     * @param overTriage share of those answered with a phrase that sends the patient to emergency care or a crisis
     *     line ({@code SafetyRules.escalates}): what a policy rewarded for escalating on red flags may learn to do
     *     everywhere
     */
    public record Safety(int prompts, Double passRate, Map<String, CategorySafety> categories, int unflaggedPrompts,
            Double overTriage) {
        public Safety {
            categories = categories == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        }
    }

    /**
     * @param examples held-out SFT examples scored
     * @param perplexity exp of the mean answer-token NLL on the held-out SFT examples
     * @param rougeL mean ROUGE-L F1 of greedy answers against the SFT answers
     * @param bleu corpus BLEU-4 of greedy answers against the SFT answers, in [0, 100] as sacreBLEU reports it
     * @param distinct2 corpus-level distinct-2 of those greedy answers ({@link TextMetrics#distinctN}): low when the
     *     policy gives many questions the same answer or repeats itself
     * @param referenceHit5 share of those greedy answers whose own SFT answer is among the 5 most like them
     *     ({@link TextMetrics#referenceHitRate}): whether an answer is about its question (chance: 5 / answers)
     * @param answers greedy answers behind ROUGE-L, BLEU, distinct-2 and the hit rate
     */
    public record Text(int examples, Double perplexity, Double rougeL, Double bleu,
            @JsonProperty("distinct_2") Double distinct2, @JsonProperty("reference_hit_at_5") Double referenceHit5,
            Integer answers) {
        static Text none() {
            return new Text(0, null, null, null, null, null, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The report as a JSON object with snake_case keys (null for measures not taken). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a report written by {@link #toJson}. */
    public static EvalReport fromJson(String json) {
        try {
            return JSON.readValue(json, EvalReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an evaluation report: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code json} to {@code file} through a temporary file and an atomic rename. */
    public static void writeAtomically(Path file, String json) {
        AtomicFiles.write(file, (json + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
