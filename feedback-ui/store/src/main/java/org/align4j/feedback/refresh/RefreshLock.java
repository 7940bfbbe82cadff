package org.align4j.feedback.refresh;

import org.align4j.feedback.db.Sql;

/**
 * A held job lock (a row in {@code job_locks}). Close it to release; releasing only deletes the
 * row if it still belongs to this holder, so a lock broken by {@link RefreshRegistry#forceUnlock}
 * and taken by another run is not released by the old holder.
 */
public final class RefreshLock implements AutoCloseable {
    private final Sql sql;
    private final String job;
    private final String owner;

    RefreshLock(Sql sql, String job, String owner) {
        this.sql = sql;
        this.job = job;
        this.owner = owner;
    }

    public String job() {
        return job;
    }

    /** Who holds it: the caller's description plus a random suffix unique to this acquisition. */
    public String owner() {
        return owner;
    }

    /** Whether this holder still owns the lock. */
    public boolean isHeld() {
        return sql.read(tx -> tx.number("SELECT COUNT(*) FROM job_locks WHERE name = ? AND owner = ?", job, owner)) == 1;
    }

    @Override
    public void close() {
        sql.inTransaction(tx -> tx.update("DELETE FROM job_locks WHERE name = ? AND owner = ?", job, owner));
    }
}
