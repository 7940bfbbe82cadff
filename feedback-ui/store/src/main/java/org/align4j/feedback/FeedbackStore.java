package org.align4j.feedback;

import java.security.SecureRandom;
import java.time.Clock;
import org.align4j.feedback.auth.PasswordHashing;
import org.align4j.feedback.auth.SessionStore;
import org.align4j.feedback.auth.UserStore;
import org.align4j.feedback.db.FeedbackDatabase;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.pairs.PairStore;
import org.align4j.feedback.queue.FeedbackWriter;
import org.align4j.feedback.queue.QueueReader;
import org.align4j.feedback.queue.QueueWriter;
import org.align4j.feedback.refresh.ModelVersionStore;
import org.align4j.feedback.refresh.RefreshRegistry;
import org.align4j.feedback.stats.AdminStats;

/**
 * The feedback database and everything that reads or writes it. Open one per process:
 *
 * <pre>{@code
 * try (FeedbackStore store = FeedbackStore.open("jdbc:h2:file:/data/feedback")) {
 *     ModelVersion v = store.models().register("sft-2025-06-01", "/ckpt/sft", null);
 *     store.queue().enqueue("What is a normal resting heart rate?", answers, v.id(), "{\"temperature\":0.7}");
 * }
 * }</pre>
 */
public final class FeedbackStore implements AutoCloseable {
    private final FeedbackDatabase database;
    private final UserStore users;
    private final SessionStore sessions;
    private final QueueWriter queue;
    private final QueueReader queueReader;
    private final FeedbackWriter feedback;
    private final ModelVersionStore models;
    private final PairStore pairs;
    private final RefreshRegistry refresh;
    private final AdminStats stats;

    private FeedbackStore(FeedbackDatabase database, PasswordHashing hasher, Clock clock) {
        this.database = database;
        Sql sql = database.sql();
        this.users = new UserStore(sql, hasher, clock);
        this.sessions = new SessionStore(sql, clock);
        this.queue = new QueueWriter(sql, clock);
        this.queueReader = new QueueReader(sql, new SecureRandom());
        this.feedback = new FeedbackWriter(sql, clock);
        this.models = new ModelVersionStore(sql, clock);
        this.pairs = new PairStore(sql, clock);
        this.refresh = new RefreshRegistry(sql, pairs, clock);
        this.stats = new AdminStats(sql, clock);
    }

    /**
     * Opens {@code db} (a JDBC URL or an H2 file path), migrating its schema, for a process that never
     * adds or checks an account (export, training, refresh); system clock.
     */
    public static FeedbackStore open(String db) {
        return open(db, PasswordHashing.NONE, Clock.systemUTC());
    }

    /** Opens {@code db} with a password hasher (bcrypt from the web module; a lower cost in tests) and clock. */
    public static FeedbackStore open(String db, PasswordHashing hasher, Clock clock) {
        return new FeedbackStore(FeedbackDatabase.open(db), hasher, clock);
    }

    /**
     * Opens {@code db} for the feedback server: like {@link #open(String, PasswordHashing, Clock)}, and
     * an H2 file held by this process is shared on loopback so that jobs run while it serves.
     */
    public static FeedbackStore openShared(String db, PasswordHashing hasher, Clock clock) {
        return new FeedbackStore(FeedbackDatabase.openShared(db), hasher, clock);
    }

    /** Accounts (doctors and admins). */
    public UserStore users() {
        return users;
    }

    /** Login sessions. */
    public SessionStore sessions() {
        return sessions;
    }

    /** Puts generated answers in the queue ({@code align feedback enqueue}). */
    public QueueWriter queue() {
        return queue;
    }

    /** What a doctor sees next. */
    public QueueReader queueReader() {
        return queueReader;
    }

    /** Ratings, comparisons, corrections and skips. */
    public FeedbackWriter feedback() {
        return feedback;
    }

    /** Model versions and the production pointer. */
    public ModelVersionStore models() {
        return models;
    }

    /** Preference pairs built from the feedback. */
    public PairStore pairs() {
        return pairs;
    }

    /** Locks, runs, watermark and pairs for training jobs. */
    public RefreshRegistry refresh() {
        return refresh;
    }

    /** Figures for the admin page. */
    public AdminStats stats() {
        return stats;
    }

    /** Runs SQL directly (tests, export). */
    public Sql sql() {
        return database.sql();
    }

    /** Why the schema is not current for this build, or empty (see {@link FeedbackDatabase#migrationProblem}). */
    public java.util.Optional<String> migrationProblem() {
        return database.migrationProblem();
    }

    /** The JDBC URL actually opened. */
    public String url() {
        return database.url();
    }

    /** Bytes the database takes on disk (H2 file or PostgreSQL database); -1 where unknown. */
    public long storageBytes() {
        return database.storageBytes();
    }

    /** Bytes one table takes with its indexes (see {@link FeedbackDatabase#tableBytes}). */
    public long tableBytes(String table) {
        return database.tableBytes(table);
    }

    /** Compacts an H2 file this process holds (see {@code H2Compaction}); nothing for other databases. */
    public void compact() {
        database.compact();
    }

    /** Writes an online backup (H2: a zip of the database file) to {@code out}; returns its size in bytes. */
    public long backup(java.nio.file.Path out) {
        return org.align4j.feedback.db.Backup.to(database.sql(), database.url(), out);
    }

    /** The loopback URL other processes reach this database with, when this process shares it. */
    public java.util.Optional<String> sharedUrl() {
        return database.sharedUrl();
    }

    @Override
    public void close() {
        feedback.close();
        database.close();
    }
}
