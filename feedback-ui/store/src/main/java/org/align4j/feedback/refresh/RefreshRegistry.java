package org.align4j.feedback.refresh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.align4j.feedback.db.ConflictException;
import org.align4j.feedback.db.NotFoundException;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.db.Tx;
import org.align4j.feedback.pairs.PairStore;
import org.align4j.feedback.pairs.StoredPair;

/**
 * What a training job (the nightly DPO refresh) needs from the feedback store:
 *
 * <pre>{@code
 * try (RefreshLock lock = registry.lock("dpo-refresh", "host-1 pid 4242")) {   // fails if another run holds it
 *     long after = registry.watermark("dpo-refresh");                            // last promoted run's pairsUpToId
 *     List<StoredPair> pairs = registry.pairsSince(after);                       // rebuilds, then ids > after
 *     TrainingRun run = registry.startRun("dpo-refresh", productionId, after);
 *     ... train, evaluate ...
 *     registry.finishRun(run.id(), new RunOutcome(Decision.PROMOTED, newVersionId, maxPairId, pairs.size(), metrics, null));
 * }
 * }</pre>
 *
 * A promoted run flips the production pointer in the same transaction that records the outcome,
 * so the watermark and the production model never disagree. Pairs seen by a rejected or failed run
 * stay after the watermark and are offered again to the next run.
 */
public record RefreshRegistry(Sql sql, PairStore pairs, Clock clock) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RUN_COLUMNS = "id, job, status, started_at, finished_at, base_model_version_id,"
            + " model_version_id, pairs_after_id, pairs_up_to_id, pairs_used, metrics_json, decision, message";

    /**
     * Takes the job's lock, or fails at once.
     *
     * @param owner who takes it (host, pid), shown to whoever finds it held
     * @throws ConflictException naming the holder and since when, if it is held
     */
    public RefreshLock lock(String job, String owner) {
        checkJob(job);
        String holder = (owner == null || owner.isBlank() ? "unknown" : owner.strip()) + " #"
                + HexFormat.of().formatHex(randomBytes());
        try {
            sql.inTransaction(tx -> tx.update("INSERT INTO job_locks (name, owner, acquired_at) VALUES (?, ?, ?)",
                    job, holder, clock.instant()));
        } catch (ConflictException e) {
            String held = lockHolder(job).map(h -> h.owner() + " since " + h.since()).orElse("another run");
            throw new ConflictException("job '" + job + "' is already running (lock held by " + held + ")");
        }
        return new RefreshLock(this, job, holder);
    }

    /** Who holds a job's lock (as written when taking it) and since when. */
    public record LockHolder(String owner, Instant since) {}

    /** The holder of {@code job}'s lock, or empty when nobody holds it. */
    public Optional<LockHolder> lockHolder(String job) {
        return sql.read(tx -> tx.one("SELECT owner, acquired_at FROM job_locks WHERE name = ?",
                rs -> new LockHolder(rs.getString("owner"), Tx.instant(rs, "acquired_at")), job));
    }

    /**
     * Deletes {@code job}'s lock if {@code owner} still holds it, so that a lock broken and taken by another run since
     * is left alone; whether it did.
     */
    public boolean release(String job, String owner) {
        return sql.inTransaction(tx -> tx.update("DELETE FROM job_locks WHERE name = ? AND owner = ?", job, owner)) > 0;
    }

    /** Breaks a lock left by a dead process, whoever holds it. Returns whether there was one. */
    public boolean forceUnlock(String job) {
        return sql.inTransaction(tx -> tx.update("DELETE FROM job_locks WHERE name = ?", job)) > 0;
    }

    /** The highest pair id trained on by the job's last promoted run; 0 before the first. */
    public long watermark(String job) {
        return sql.read(tx -> tx.number("SELECT MAX(pairs_up_to_id) FROM training_runs WHERE job = ? AND decision = 'promoted'", job));
    }

    /** Rebuilds the pairs from the feedback, then returns the active pairs with {@code id > afterId}. */
    public List<StoredPair> pairsSince(long afterId) {
        pairs.rebuild();
        return pairs.since(afterId);
    }

    /** Records the start of a run. */
    public TrainingRun startRun(String job, Long baseModelVersionId, long pairsAfterId) {
        checkJob(job);
        return sql.inTransaction(tx -> {
            if (baseModelVersionId != null) {
                ModelVersionStore.requireExists(tx, baseModelVersionId);
            }
            long id = tx.insert("INSERT INTO training_runs (job, status, started_at, base_model_version_id, pairs_after_id)"
                    + " VALUES (?, 'running', ?, ?, ?)", job, clock.instant(), baseModelVersionId, pairsAfterId);
            return run(tx, id);
        });
    }

    /**
     * Records how a run ended; when promoted, points production at its model version in the same
     * transaction.
     *
     * @throws NotFoundException for an unknown run or model version
     * @throws ConflictException when the run was already finished
     * @throws IllegalArgumentException when metricsJson is not a JSON object
     */
    public TrainingRun finishRun(long runId, RunOutcome outcome) {
        String metrics = checkMetrics(outcome.metricsJson());
        return sql.inTransaction(tx -> {
            TrainingRun run = run(tx, runId);
            if (run.finished()) {
                throw new ConflictException("training run " + runId + " already finished with decision " + run.decision());
            }
            if (outcome.modelVersionId() != null) {
                ModelVersionStore.requireExists(tx, outcome.modelVersionId());
            }
            Instant now = clock.instant();
            tx.update("UPDATE training_runs SET status = 'finished', finished_at = ?, model_version_id = ?, pairs_up_to_id = ?,"
                            + " pairs_used = ?, metrics_json = ?, decision = ?, message = ? WHERE id = ?",
                    now, outcome.modelVersionId(), outcome.pairsUpToId(), outcome.pairsUsed(), metrics,
                    outcome.decision().dbName(), outcome.message(), runId);
            if (outcome.decision() == Decision.PROMOTED) {
                ModelVersionStore.setProduction(tx, outcome.modelVersionId(), runId, now);
            }
            return run(tx, runId);
        });
    }

    public Optional<TrainingRun> findRun(long runId) {
        return sql.read(tx -> tx.one("SELECT " + RUN_COLUMNS + " FROM training_runs WHERE id = ?", RefreshRegistry::map, runId));
    }

    /** Every run, newest first. */
    public List<TrainingRun> runs() {
        return sql.read(tx -> tx.list("SELECT " + RUN_COLUMNS + " FROM training_runs ORDER BY id DESC", RefreshRegistry::map));
    }

    private static TrainingRun run(Tx tx, long id) {
        return tx.one("SELECT " + RUN_COLUMNS + " FROM training_runs WHERE id = ?", RefreshRegistry::map, id)
                .orElseThrow(() -> new NotFoundException("training run " + id + " does not exist"));
    }

    private static String checkMetrics(String metricsJson) {
        if (metricsJson == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(metricsJson);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("metricsJson must be a JSON object like {\"eval_loss\": 0.6}, got: " + metricsJson);
            }
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("metricsJson is not valid JSON (" + e.getOriginalMessage() + "): " + metricsJson, e);
        }
    }

    private static void checkJob(String job) {
        if (job == null || job.isBlank() || job.length() > 100) {
            throw new IllegalArgumentException("job name is '" + job + "': give 1-100 characters, e.g. dpo-refresh");
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private static TrainingRun map(ResultSet rs) throws SQLException {
        int used = rs.getInt("pairs_used");
        Integer pairsUsed = rs.wasNull() ? null : used;
        return new TrainingRun(rs.getLong("id"), rs.getString("job"), "finished".equals(rs.getString("status")),
                Tx.instant(rs, "started_at"), Tx.instant(rs, "finished_at"), Tx.nullableLong(rs, "base_model_version_id"),
                Tx.nullableLong(rs, "model_version_id"), rs.getLong("pairs_after_id"), Tx.nullableLong(rs, "pairs_up_to_id"),
                pairsUsed, rs.getString("metrics_json"), Decision.of(rs.getString("decision")), rs.getString("message"));
    }
}
