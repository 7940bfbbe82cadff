package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.align4j.feedback.PostgresServer;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.export.FeedbackExporter;
import org.align4j.feedback.refresh.JobLock;
import org.align4j.feedback.refresh.ModelVersion;
import org.align4j.feedback.refresh.RefreshLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server runs in its own JVM on an H2 file (or, in the PostgreSQL test run, a PostgreSQL database); it is killed with SIGKILL while doctors post
 * ratings concurrently; every rating that got its 201 must be in the database afterwards.
 */
class CrashDurabilityTest {
    private static final int DOCTORS = 8;
    private static final int ANSWERS = 2000;

    @TempDir Path dir;

    private List<Long> seed(String db, List<String> doctors) {
        try (FeedbackStore store = FeedbackStore.open(db, new PasswordHasher(4), java.time.Clock.systemUTC())) {
            for (int i = 0; i < DOCTORS; i++) {
                User u = Fixtures.doctor(store, "doc" + i);
                doctors.add(u.username());
            }
            ModelVersion m = Fixtures.model(store, "sft-1");
            List<Long> ids = new ArrayList<>();
            for (int p = 0; p < ANSWERS / 10; p++) {
                List<String> answers = new ArrayList<>();
                for (int a = 0; a < 10; a++) {
                    answers.add("answer " + a + " to question " + p);
                }
                ids.addAll(store.queue().enqueue("question " + p, answers, m.id(), "{}").responseIds());
            }
            return ids;
        }
    }

    @Test
    void everyAcknowledgedRatingSurvivesSigkillUnderLoad() throws Exception {
        killUnderLoad(PostgresServer.newDurableDatabaseUrl(dir.resolve("feedback")), port -> { });
    }

    /**
     * The done-when test of the live data loop: while doctors rate, other processes' jobs use the
     * same H2 file through the server (user add, both exports, the refresh lock), and the new doctor
     * can log in at once; then SIGKILL, and every acknowledged rating is there.
     */
    @Test
    void jobsRunWhileTheServerServesAndAcknowledgedRatingsStillSurviveSigkill() throws Exception {
        String db = PostgresServer.newDurableDatabaseUrl(dir.resolve("feedback"));
        killUnderLoad(db, port -> {
            try (FeedbackStore job = FeedbackStore.open(db, new PasswordHasher(4), java.time.Clock.systemUTC())) {
                if (!PostgresServer.selected()) {
                    assertThat(job.url()).startsWith("jdbc:h2:tcp://127.0.0.1:");
                }
                job.users().add("newdoc", "Dr New", Fixtures.PASSWORD.toCharArray(), org.align4j.feedback.auth.Role.DOCTOR);
                FeedbackExporter export = new FeedbackExporter(job);
                assertThat(export.ratings(Instant.EPOCH, dir.resolve("ratings.jsonl")).written()).isPositive();
                export.pairs(Instant.EPOCH, dir.resolve("pairs.jsonl"));
                assertThat(dir.resolve("pairs.jsonl")).exists();
                try (RefreshLock lock = JobLock.acquire(job, "dpo-refresh", Duration.ofHours(1), Clock.systemUTC(), n -> { })) {
                    assertThat(lock.isHeld()).isTrue();
                    try (FeedbackStore second = FeedbackStore.open(db)) {
                        assertThatThrownBy(() -> JobLock.acquire(second, "dpo-refresh", Duration.ofHours(1), Clock.systemUTC(), n -> { }))
                                .isInstanceOf(JobLock.LockedException.class);
                    }
                }
            }
            ApiClient newcomer = new ApiClient(port);
            assertThat(newcomer.login("newdoc", Fixtures.PASSWORD).status()).isEqualTo(200);
        });
        try (FeedbackStore reopened = FeedbackStore.open(db)) {
            assertThat(reopened.sql().number("SELECT COUNT(*) FROM users WHERE username = 'newdoc'")).isEqualTo(1);
            assertThat(reopened.sql().number("SELECT COUNT(*) FROM job_locks")).isZero();
        }
        if (!PostgresServer.selected()) {
            assertThat(dir.resolve("feedback.server.properties")).as("a killed server's announcement stays, and is ignored")
                    .exists();
        }
    }

    /** Seeds, serves in a child JVM, loads it with ratings, runs {@code whileLoading(port)}, kills it, checks every acknowledged rating. */
    private void killUnderLoad(String db, Consumer<Integer> whileLoading) throws Exception {
        List<String> doctors = new ArrayList<>();
        List<Long> answers = seed(db, doctors);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        try (ServerProcess server = new ServerProcess(db, dir)) {
            List<ApiClient> clients = new ArrayList<>();
            for (String d : doctors) {
                ApiClient c = new ApiClient(server.port);
                assertThat(c.login(d, Fixtures.PASSWORD).status()).isEqualTo(200);
                clients.add(c);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2 * DOCTORS);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 2 * DOCTORS; t++) {
                int thread = t;
                ApiClient c = clients.get(t % DOCTORS);
                String doctor = doctors.get(t % DOCTORS);
                jobs.add(pool.submit(() -> {
                    // Two threads per doctor take alternate answers, so no rating is posted twice.
                    for (int i = thread / DOCTORS; i < answers.size(); i += 2) {
                        long answer = answers.get(i);
                        try {
                            ApiClient.Response r = c.post("/api/ratings", Map.of("responseId", answer, "value", i % 3 == 0 ? "down" : "up"));
                            if (r.status() == 201) {
                                acknowledged.add(doctor + ":" + answer);
                            }
                        } catch (RuntimeException e) {
                            if (failures.incrementAndGet() > 50) {
                                return;
                            }
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.size() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            whileLoading.accept(server.port);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.size() < 800 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            server.kill();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (Future<?> j : jobs) {
                j.get();
            }
        }
        assertThat(acknowledged.size()).as("ratings acknowledged before the kill").isGreaterThanOrEqualTo(800);
        assertThat(failures.get()).as("requests cut off by the kill").isPositive();

        try (FeedbackStore reopened = FeedbackStore.open(db, new PasswordHasher(4), java.time.Clock.systemUTC())) {
            Set<String> stored = new HashSet<>(reopened.sql().read(tx -> tx.list(
                    "SELECT u.username || ':' || r.response_id FROM ratings r JOIN users u ON u.id = r.user_id", rs -> rs.getString(1))));
            System.out.printf("SIGKILL under load: %d ratings acknowledged, %d stored, %d requests cut off%n",
                    acknowledged.size(), stored.size(), failures.get());
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertThat(lost).as("acknowledged ratings missing after SIGKILL (of %d acknowledged, %d stored)",
                    acknowledged.size(), stored.size()).isEmpty();
        }
    }

    @Test
    void sigtermLetsTheServerFinishAndCloseTheDatabaseCleanly() throws Exception {
        String db = PostgresServer.newDurableDatabaseUrl(dir.resolve("feedback"));
        List<String> doctors = new ArrayList<>();
        List<Long> answers = seed(db, doctors);
        int exit;
        List<String> output;
        try (ServerProcess server = new ServerProcess(db, dir)) {
            ApiClient c = new ApiClient(server.port);
            assertThat(c.login(doctors.get(0), Fixtures.PASSWORD).status()).isEqualTo(200);
            assertThat(c.post("/api/ratings", Map.of("responseId", answers.get(0), "value", "up")).status()).isEqualTo(201);
            exit = server.terminate();
            output = server.output();
        }
        assertThat(output).contains("feedback server stopped cleanly");
        assertThat(exit).isEqualTo(143);
        assertThat(dir.resolve("feedback.lock.db")).doesNotExist();
        try (FeedbackStore reopened = FeedbackStore.open(db, new PasswordHasher(4), java.time.Clock.systemUTC())) {
            assertThat(reopened.sql().number("SELECT COUNT(*) FROM ratings")).isEqualTo(1);
        }
    }
}
