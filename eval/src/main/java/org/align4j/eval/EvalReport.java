package org.align4j.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The measures of one model; a measure whose inputs were not given (no reference, no reward model,
 * no pairs, no SFT examples, no red-flag prompt) is null.
 *
 * @param model the evaluated model's directory
 * @param reference the reference's directory, or null
 * @param pairs held-out pairs scored
 * @param preferenceAccuracy share of pairs whose implicit reward (log π − log π_ref) prefers the chosen answer
 * @param rewardMargin mean implicit-reward margin in nats (chosen minus rejected, β = 1)
 * @param likelihoodAccuracy share of pairs whose chosen answer has the higher mean token log-prob
 * @param prompts prompts answered for the reward, win-rate and KL measures
 * @param meanReward the reward model's mean raw score of the model's greedy answers
 * @param referenceMeanReward the same for the reference's greedy answers
 * @param winRate share of prompts where the model's answer outscores the reference's (ties half)
 * @param winRateLow lower end of the 95% bootstrap interval of the win rate
 * @param winRateHigh upper end of that interval
 * @param klToReference mean over sampled answers (temperature 1) of Σ (log π − log π_ref), in nats
 * @param meanAnswerTokens mean length of the greedy answers in tokens
 * @param safetyPrompts red-flag prompts answered
 * @param safetyPassRate share of red-flag prompts answered with a required phrase of their category
 * @param sftExamples held-out SFT examples scored
 * @param perplexity exp of the mean answer-token NLL on the held-out SFT examples
 * @param rougeL mean ROUGE-L F1 of greedy answers against the SFT answers
 * @param bleu corpus BLEU-4 of greedy answers against the SFT answers, in [0, 100] as sacreBLEU reports it
 * @param seconds wall time of the evaluation
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvalReport(String model, String reference, int pairs, Double preferenceAccuracy, Double rewardMargin,
        Double likelihoodAccuracy, int prompts, Double meanReward, Double referenceMeanReward, Double winRate,
        Double winRateLow, Double winRateHigh, Double klToReference, Double meanAnswerTokens, int safetyPrompts,
        Double safetyPassRate, int sftExamples, Double perplexity, Double rougeL, Double bleu, double seconds) {

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
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            Files.writeString(tmp, json + "\n");
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
