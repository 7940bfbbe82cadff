package org.align4j.feedback.refresh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.db.ConflictException;

/**
 * Takes the job's lock in the feedback database ({@code job_locks}), breaking it first when its
 * holder is known to be gone: a process on this host whose pid is no longer alive (killed, crashed),
 * or a lock older than the configured age whoever holds it. Breaking deletes only the row of that
 * exact holder, so two runs that both find a stale lock cannot break each other's fresh one.
 */
public final class JobLock {
    private static final Pattern OWNER = Pattern.compile("host=(\\S+) pid=(\\d+)");

    private JobLock() {}

    /** Another run holds the lock. */
    public static final class LockedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LockedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Who this process is, as written into the lock row. */
    public static String owner(String job) {
        return job + " host=" + hostName() + " pid=" + ProcessHandle.current().pid();
    }

    /**
     * Takes the lock of {@code job}.
     *
     * @param staleAfter a lock older than this is broken
     * @param notes receives one line when a stale lock is broken
     * @throws LockedException when a live run holds it
     */
    public static RefreshLock acquire(FeedbackStore store, String job, Duration staleAfter, Clock clock,
            java.util.function.Consumer<String> notes) {
        try {
            return store.refresh().lock(job, owner(job));
        } catch (ConflictException held) {
            Optional<RefreshRegistry.LockHolder> holder = holder(store, job);
            if (holder.isEmpty()) { // released between our insert and our read: try once more
                return retry(store, job, held);
            }
            Optional<String> stale = staleness(holder.get(), staleAfter, clock);
            if (stale.isEmpty()) {
                throw new LockedException(held.getMessage() + "; the next run breaks it once that process has exited"
                        + " (on this host) or the lock is older than stale_lock_hours (" + staleAfter.toHours() + ")",
                        held);
            }
            store.refresh().release(job, holder.get().owner());
            notes.accept("broke the stale lock of job '" + job + "' (" + holder.get().owner() + ", since "
                    + holder.get().since() + "): " + stale.get());
            return retry(store, job, held);
        }
    }

    private static RefreshLock retry(FeedbackStore store, String job, ConflictException first) {
        try {
            return store.refresh().lock(job, owner(job));
        } catch (ConflictException again) {
            again.addSuppressed(first);
            throw new LockedException(again.getMessage(), again);
        }
    }

    /** The holder of {@code job}'s lock, or empty. */
    public static Optional<RefreshRegistry.LockHolder> holder(FeedbackStore store, String job) {
        return store.refresh().lockHolder(job);
    }

    /** Why the lock is stale, or empty when its holder may still be running. */
    public static Optional<String> staleness(RefreshRegistry.LockHolder h, Duration staleAfter, Clock clock) {
        Matcher m = OWNER.matcher(h.owner());
        if (m.find() && m.group(1).equals(hostName())) {
            long pid = Long.parseLong(m.group(2));
            boolean alive = pid == ProcessHandle.current().pid()
                    || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                return Optional.of("process " + pid + " on this host is not running");
            }
        }
        Duration age = Duration.between(h.since(), clock.instant());
        if (age.compareTo(staleAfter) > 0) {
            return Optional.of("held for " + age.toMinutes() + " min, over stale_lock_hours");
        }
        return Optional.empty();
    }

    /** This host's name, the same for every process on it (the environment's HOSTNAME is not always exported). */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env.strip();
        }
    }
}
