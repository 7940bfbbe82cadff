package org.align4j.feedback.refresh;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.align4j.feedback.db.ConflictException;
import org.align4j.feedback.db.NotFoundException;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.db.Tx;

/** The model_versions table and the production pointer. */
public final class ModelVersionStore {
    static final String COLUMNS = "id, name, checkpoint_path, parent_id, created_at";

    private final Sql sql;
    private final Clock clock;

    public ModelVersionStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * Registers a model version, or returns the existing one with this name when its checkpoint
     * path is the same (so that re-running {@code enqueue} with one model is harmless).
     *
     * @throws ConflictException when the name exists with another checkpoint path
     * @throws NotFoundException when {@code parentId} names no version
     */
    public ModelVersion register(String name, String checkpointPath, Long parentId) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("model version name is '" + name + "': give 1-200 characters");
        }
        String n = name.strip();
        return sql.inTransaction(tx -> {
            Optional<ModelVersion> existing = tx.one("SELECT " + COLUMNS + " FROM model_versions WHERE name = ?",
                    ModelVersionStore::map, n);
            if (existing.isPresent()) {
                if (!Objects.equals(existing.get().checkpointPath(), checkpointPath)) {
                    throw new ConflictException("model version '" + n + "' is already registered with checkpoint "
                            + existing.get().checkpointPath() + ", not " + checkpointPath + ": use another name");
                }
                return existing.get();
            }
            if (parentId != null) {
                requireExists(tx, parentId);
            }
            long id = tx.insert("INSERT INTO model_versions (name, checkpoint_path, parent_id, created_at) VALUES (?, ?, ?, ?)",
                    n, checkpointPath, parentId, clock.instant());
            return tx.one("SELECT " + COLUMNS + " FROM model_versions WHERE id = ?", ModelVersionStore::map, id).orElseThrow();
        });
    }

    public Optional<ModelVersion> find(long id) {
        return sql.read(tx -> tx.one("SELECT " + COLUMNS + " FROM model_versions WHERE id = ?", ModelVersionStore::map, id));
    }

    public Optional<ModelVersion> find(String name) {
        return sql.read(tx -> tx.one("SELECT " + COLUMNS + " FROM model_versions WHERE name = ?", ModelVersionStore::map, name));
    }

    public List<ModelVersion> list() {
        return sql.read(tx -> tx.list("SELECT " + COLUMNS + " FROM model_versions ORDER BY id", ModelVersionStore::map));
    }

    /** The version in production (the one {@code enqueue} should use), or empty before the first promotion. */
    public Optional<ModelVersion> production() {
        return sql.read(tx -> tx.one("SELECT m.id, m.name, m.checkpoint_path, m.parent_id, m.created_at"
                + " FROM production_model p JOIN model_versions m ON m.id = p.model_version_id WHERE p.slot = 1",
                ModelVersionStore::map));
    }

    /** Points production at {@code modelVersionId} by hand (no run), in one transaction. */
    public void promote(long modelVersionId) {
        sql.inTransaction(tx -> {
            setProduction(tx, modelVersionId, null, clock.instant());
            return null;
        });
    }

    /** Flips the single production row inside the caller's transaction. */
    static void setProduction(Tx tx, long modelVersionId, Long runId, java.time.Instant now) {
        requireExists(tx, modelVersionId);
        int updated = tx.update("UPDATE production_model SET model_version_id = ?, promoted_at = ?, run_id = ? WHERE slot = 1",
                modelVersionId, now, runId);
        if (updated == 0) {
            tx.update("INSERT INTO production_model (slot, model_version_id, promoted_at, run_id) VALUES (1, ?, ?, ?)",
                    modelVersionId, now, runId);
        }
    }

    static void requireExists(Tx tx, long modelVersionId) {
        if (tx.number("SELECT COUNT(*) FROM model_versions WHERE id = ?", modelVersionId) == 0) {
            throw new NotFoundException("model version " + modelVersionId + " does not exist: register it first");
        }
    }

    static ModelVersion map(ResultSet rs) throws SQLException {
        return new ModelVersion(rs.getLong("id"), rs.getString("name"), rs.getString("checkpoint_path"),
                Tx.nullableLong(rs, "parent_id"), Tx.instant(rs, "created_at"));
    }
}
