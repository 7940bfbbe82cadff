package org.align4j.feedback.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.align4j.feedback.db.NotFoundException;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.db.TextHash;

/**
 * Puts model answers in the doctors' queue. Called by {@code align feedback enqueue} after it has
 * generated the answers; the web app never generates anything.
 */
public record QueueWriter(Sql sql, Clock clock) {
    /** Texts longer than this are refused (the column holds 1,000,000 characters). */
    public static final int MAX_TEXT = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Stores {@code answers} to {@code prompt} as produced by {@code modelVersionId} with the given
     * generation settings, in one transaction. A prompt already in the store (same text) is reused,
     * so answers of several model versions to one prompt can be compared.
     *
     * @param generationSettingsJson a JSON object, e.g. {"temperature":0.7,"top_p":0.9,"max_new_tokens":256,"seed":1}
     * @throws NotFoundException when the model version is not registered
     * @throws IllegalArgumentException for an empty prompt, no answers, or settings that are not a JSON object
     */
    public Enqueued enqueue(String prompt, List<String> answers, long modelVersionId, String generationSettingsJson) {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("prompt is empty: every queued item needs the question the doctor reads");
        }
        if (prompt.length() > MAX_TEXT) {
            throw new IllegalArgumentException("prompt has " + prompt.length() + " characters: at most " + MAX_TEXT);
        }
        if (answers == null || answers.isEmpty()) {
            throw new IllegalArgumentException("answers is empty: give at least one answer to put in the queue");
        }
        for (int i = 0; i < answers.size(); i++) {
            String a = answers.get(i);
            if (a == null || a.length() > MAX_TEXT) {
                throw new IllegalArgumentException("answers[" + i + "] is " + (a == null ? "null" : a.length() + " characters long")
                        + ": give a text of at most " + MAX_TEXT + " characters");
            }
        }
        String settings = settings(generationSettingsJson);
        String hash = TextHash.sha256(prompt);
        Instant now = clock.instant();
        return sql.inTransaction(tx -> {
            if (tx.number("SELECT COUNT(*) FROM model_versions WHERE id = ?", modelVersionId) == 0) {
                throw new NotFoundException("model version " + modelVersionId + " does not exist: register it before enqueueing its answers");
            }
            Optional<Long> existing = tx.one("SELECT id FROM prompts WHERE text_sha256 = ?", rs -> rs.getLong(1), hash);
            long promptId = existing.isPresent() ? existing.get()
                    : tx.insert("INSERT INTO prompts (text, text_sha256, created_at) VALUES (?, ?, ?)", prompt, hash, now);
            List<Long> ids = new ArrayList<>();
            for (String answer : answers) {
                ids.add(tx.insert("INSERT INTO responses (prompt_id, model_version_id, text, generation_settings, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)", promptId, modelVersionId, answer, settings, now));
            }
            return new Enqueued(promptId, ids);
        });
    }

    private static String settings(String json) {
        if (json == null || json.isBlank()) {
            return "{}";
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("generation settings must be a JSON object like {\"temperature\":0.7}, got: " + json);
            }
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("generation settings are not valid JSON (" + e.getOriginalMessage() + "): " + json, e);
        }
    }
}
