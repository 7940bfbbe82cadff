package org.align4j.feedback.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.db.DatabaseUrl;
import org.align4j.feedback.refresh.ModelVersion;
import org.align4j.feedback.web.FeedbackServer;
import org.align4j.feedback.web.ServerConfig;

/**
 * Measures how many ratings per second the feedback server acknowledges on loopback, how long
 * each takes and how much disk they take, then checks that every acknowledged rating is in the
 * database after the server has stopped and the database has been reopened.
 *
 * <p>The database is a new H2 file or an empty PostgreSQL database, opened as {@code align feedback
 * serve} opens it ({@link FeedbackStore#openShared}: an H2 file is held by this process, shared on
 * loopback and compacted every 30 s). The server runs in this JVM on 127.0.0.1 with its production
 * settings (durable commits, sessions, CSRF); the clients ({@link DoctorSession}) run in the same
 * JVM, each a closed loop of {@code POST /api/ratings} logged in as one doctor. Client and server
 * share the machine's cores, so the figures are a floor for a dedicated server.
 *
 * <p>The measured window is at least one request long for every client: a client whose first
 * measured request starts after the window's end still sends it, and the window is stretched to
 * its answer, so a slow or loaded machine gives slow figures, never an empty measurement.
 */
public final class RatingBenchmark {
    private static final String PASSWORD = "benchmark password 1";

    private RatingBenchmark() {}

    /**
     * Runs the benchmark on {@code db}: a new H2 file path, or the JDBC URL of an empty database
     * (PostgreSQL: the password from {@code ALIGN_DB_PASSWORD(_FILE)}, see {@code DbCredentials}).
     */
    public static BenchResult run(String db, BenchConfig config, Consumer<String> progress) {
        List<List<Long>> slices;
        String kind;
        try (FeedbackStore store = FeedbackStore.open(db, new PasswordHasher(4), Clock.systemUTC())) {
            if (store.sql().number("SELECT COUNT(*) FROM responses") > 0) {
                throw new IllegalArgumentException("the benchmark database " + db + " is not empty: give a new H2 path or"
                        + " an empty database");
            }
            kind = DatabaseUrl.kind(store.url());
            progress.accept("seeding " + config.doctors() + " doctors and " + config.answers() + " answers (" + kind + ")");
            slices = seed(store, config);
            store.compact(); // H2: the baseline size without the seeding's dead chunks (nothing on PostgreSQL)
        }
        FeedbackStore store = FeedbackStore.openShared(db, new PasswordHasher(4), Clock.systemUTC());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Load load;
        long before;
        long underLoad;
        try (FeedbackServer server = FeedbackServer.start(store, ServerConfig.loopback())) {
            before = store.storageBytes();
            progress.accept("loading http://127.0.0.1:" + server.port() + " with " + config.clients() + " clients for "
                    + config.warmupSeconds() + " s warm-up + " + config.seconds() + " s");
            load = drive(server.port(), config, slices, acknowledged);
            underLoad = store.storageBytes();
        } finally {
            store.close();
        }
        long present;
        StorageSize size;
        try (FeedbackStore reopened = FeedbackStore.open(db)) {
            Set<String> stored = new HashSet<>(reopened.sql().read(tx -> tx.list(
                    "SELECT u.username || ':' || r.response_id FROM ratings r JOIN users u ON u.id = r.user_id", rs -> rs.getString(1))));
            present = acknowledged.stream().filter(stored::contains).count();
            size = new StorageSize(before, underLoad, reopened.storageBytes(), reopened.tableBytes("ratings"), acknowledged.size());
        }
        Percentiles p = new Percentiles(load.latencies);
        return new BenchResult(kind, load.ok / load.seconds, load.latencies.length, load.errors, p.millis(50), p.millis(90),
                p.millis(99), p.millis(100), acknowledged.size(), present, acknowledged.size() - present,
                config.clients(), config.doctors(), load.seconds,
                load.cpuNanos < 0 || load.ok == 0 ? Double.NaN : load.cpuNanos / 1e6 / load.ok, size);
    }

    /** Creates the doctors and answers; returns, per client, the answer ids it will rate. */
    private static List<List<Long>> seed(FeedbackStore store, BenchConfig config) {
        for (int d = 0; d < config.doctors(); d++) {
            store.users().add("doctor" + d, "Doctor " + d, PASSWORD.toCharArray(), Role.DOCTOR);
        }
        ModelVersion m = store.models().register("bench-model", null, null);
        List<Long> ids = new ArrayList<>();
        for (int p = 0; ids.size() < config.answers(); p++) {
            List<String> answers = new ArrayList<>();
            for (int a = 0; a < 25 && ids.size() + answers.size() < config.answers(); a++) {
                answers.add("Answer " + a + " to question " + p + ": rest, fluids, and see a doctor if it lasts. 多休息，多喝水。");
            }
            ids.addAll(store.queue().enqueue("Benchmark question " + p + "：发烧三天怎么办？", answers, m.id(), "{\"temperature\":0.7}")
                    .responseIds());
        }
        // Clients sharing a doctor split the answers between them, so no rating is posted twice.
        int perDoctor = Math.max(1, config.clients() / config.doctors());
        List<List<Long>> slices = new ArrayList<>();
        for (int c = 0; c < config.clients(); c++) {
            List<Long> slice = new ArrayList<>();
            for (int i = (c / config.doctors()) % perDoctor; i < ids.size(); i += perDoctor) {
                slice.add(ids.get(i));
            }
            slices.add(slice);
        }
        return slices;
    }

    private record Load(long[] latencies, long ok, long errors, double seconds, long cpuNanos) {}

    /** CPU time used by this JVM so far, or -1 where the platform does not say. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static Load drive(int port, BenchConfig config, List<List<Long>> slices, Set<String> acknowledged) {
        int clients = config.clients();
        long[][] lat = new long[clients][];
        int[] counts = new int[clients];
        boolean[] exhausted = new boolean[clients];
        long[] oks = new long[clients];
        long[] errs = new long[clients];
        long[] lastAnswer = new long[clients];
        long start = System.nanoTime();
        long measureFrom = start + (long) (config.warmupSeconds() * 1e9);
        long end = measureFrom + (long) (config.seconds() * 1e9);
        CountDownLatch done = new CountDownLatch(clients);
        long[] cpuAt = {-1, -1};
        Thread cpuWatch = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
                cpuAt[0] = processCpuNanos();
                Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
                cpuAt[1] = processCpuNanos();
            } catch (InterruptedException e) { // the clients finished early; cpuAt[1] stays -1 unless the window is over
                cpuAt[1] = System.nanoTime() >= end ? processCpuNanos() : -1;
                Thread.currentThread().interrupt();
            }
        }, "bench-cpu");
        cpuWatch.setDaemon(true);
        cpuWatch.start();
        List<RuntimeException> failures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            String doctor = "doctor" + (c % config.doctors());
            Thread t = new Thread(() -> {
                try (DoctorSession session = DoctorSession.login(port, doctor, PASSWORD)) {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    exhausted[client] = true;
                    for (long answer : slices.get(client)) {
                        long t0 = System.nanoTime();
                        if (t0 >= end && n > 0) {
                            exhausted[client] = false;
                            break;
                        }
                        int status = session.rate(answer, answer % 3 != 0);
                        long t1 = System.nanoTime();
                        boolean ok = status == 201;
                        if (ok) {
                            acknowledged.add(doctor + ":" + answer);
                        }
                        if (t0 >= measureFrom) {
                            if (n == mine.length) {
                                mine = java.util.Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = t1 - t0;
                            if (ok) {
                                oks[client]++;
                            } else {
                                errs[client]++;
                            }
                            if (t0 >= end) { // this client's only measured request: the window stretches to it
                                lastAnswer[client] = t1;
                            }
                        }
                    }
                    lat[client] = mine;
                    counts[client] = n;
                } catch (IOException e) {
                    synchronized (failures) {
                        failures.add(new UncheckedIOException("client " + client + ": " + e.getMessage(), e));
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + c);
            t.start();
        }
        try {
            done.await();
            cpuWatch.interrupt(); // clients that ran out of answers stop before the window's end: stop waiting for it
            cpuWatch.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the benchmark ran", e);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        long windowEnd = end;
        for (long t : lastAnswer) {
            windowEnd = Math.max(windowEnd, t);
        }
        double seconds = (windowEnd - measureFrom) / 1e9;
        if (windowEnd > end && cpuAt[1] >= 0) {
            cpuAt[1] = processCpuNanos(); // the window was stretched: count the CPU time up to its new end
        }
        int total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[total];
        int at = 0;
        long ok = 0;
        long errors = 0;
        for (int c = 0; c < clients; c++) {
            if (lat[c] != null) {
                System.arraycopy(lat[c], 0, all, at, counts[c]);
                at += counts[c];
            }
            ok += oks[c];
            errors += errs[c];
        }
        for (int c = 0; c < clients; c++) {
            if (exhausted[c]) {
                throw new IllegalStateException("client " + c + " ran out of answers before the time was up: give more --answers");
            }
        }
        return new Load(all, ok, errors, seconds, cpuAt[0] < 0 || cpuAt[1] < 0 ? -1 : cpuAt[1] - cpuAt[0]);
    }
}
