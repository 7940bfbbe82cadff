package org.align4j.feedback.refresh;

/**
 * A held job lock (a row in {@code job_locks}). Close it to release; releasing only deletes the
 * row if it still belongs to this holder, so a lock broken by {@link RefreshRegistry#forceUnlock}
 * and taken by another run is not released by the old holder.
 */
public final class RefreshLock implements AutoCloseable {
    private final RefreshRegistry registry;
    private final String job;
    private final String owner;

    RefreshLock(RefreshRegistry registry, String job, String owner) {
        this.registry = registry;
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
        return registry.lockHolder(job).map(h -> h.owner().equals(owner)).orElse(false);
    }

    @Override
    public void close() {
        registry.release(job, owner);
    }
}
