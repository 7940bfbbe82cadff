package org.align4j.feedback.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.db.StoreException;

/**
 * Group commit for ratings, the hot path: ratings posted at the same moment are inserted by one
 * writer thread in one transaction and committed together, and each caller returns only after that
 * commit has returned. One commit (one MVStore chunk written to the file) then serves many
 * ratings instead of one, which is what lets a small machine acknowledge over a thousand ratings a
 * second while keeping every acknowledgement durable.
 *
 * <p>Each rating is inserted under its own savepoint, so one doctor's duplicate or a missing answer
 * fails that rating only.
 */
final class RatingCommitter implements AutoCloseable {
    /** The most ratings one transaction carries; more wait for the next commit. */
    static final int MAX_BATCH = 256;

    private record Pending(long userId, long responseId, int vote, boolean unsafe, String comment,
            CompletableFuture<Long> result) {}

    private static final Pending STOP = new Pending(0, 0, 0, false, null, null);

    private final Sql sql;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    RatingCommitter(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
        this.writer = new Thread(this::loop, "rating-committer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Inserts a rating and returns its id once it is committed. */
    long rate(long userId, long responseId, int vote, boolean unsafe, String comment) {
        if (closed) {
            throw new StoreException("the feedback store is closed");
        }
        CompletableFuture<Long> result = new CompletableFuture<>();
        queue.add(new Pending(userId, responseId, vote, unsafe, comment, result));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the rating to commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("the rating could not be committed: " + e.getCause(), e.getCause());
        }
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                failAll(new StoreException("the rating writer was interrupted"));
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
            if (stop) {
                failAll(new StoreException("the feedback store is closed"));
                return;
            }
        }
    }

    private void write(List<Pending> batch) {
        long[] ids = new long[batch.size()];
        RuntimeException[] errors = new RuntimeException[batch.size()];
        try {
            sql.inTransaction(tx -> {
                java.time.Instant now = clock.instant();
                for (int i = 0; i < batch.size(); i++) {
                    Pending p = batch.get(i);
                    try {
                        ids[i] = tx.insertUnderSavepoint(
                                "INSERT INTO ratings (response_id, user_id, vote, unsafe, comment, created_at)"
                                        + " VALUES (?, ?, ?, ?, ?, ?)",
                                p.responseId(), p.userId(), p.vote(), p.unsafe(), p.comment(), now);
                    } catch (StoreException e) {
                        errors[i] = e;
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.result().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (errors[i] != null) {
                batch.get(i).result().completeExceptionally(errors[i]);
            } else {
                batch.get(i).result().complete(ids[i]);
            }
        }
    }

    private void failAll(RuntimeException e) {
        for (Pending p; (p = queue.poll()) != null; ) {
            if (p != STOP) {
                p.result().completeExceptionally(e);
            }
        }
    }

    /** Lets the writer commit what was already submitted, then stops it. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
