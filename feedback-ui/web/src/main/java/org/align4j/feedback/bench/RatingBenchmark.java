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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.refresh.ModelVersion;
import org.align4j.feedback.web.FeedbackServer;
import org.align4j.feedback.web.ServerConfig;

/**
 * Measures how many ratings per second the feedback server acknowledges on loopback, and how
 * long each takes, then checks that every acknowledged rating is in the database after the server
 * has stopped and the database has been reopened.
 *
 * <p>The database is a fresh H2 file; the server runs in this JVM on 127.0.0.1 with its
 * production settings (durable commits, sessions, CSRF); the clients are {@code java.net.http}
 * clients in the same JVM, each a closed loop of {@code POST /api/ratings}, logged in as one doctor.
 * Client and server share the machine's cores, so the figures are a floor for a dedicated server.
 */
public final class RatingBenchmark {
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final String PASSWORD = "benchmark password 1";

    private RatingBenchmark() {}

    /** Runs the benchmark on a new database at {@code dbPath} (an H2 file path that must not exist yet). */
    public static BenchResult run(String dbPath, BenchConfig config, Consumer<String> progress) {
        List<List<Long>> slices;
        try (FeedbackStore store = FeedbackStore.open(dbPath, new PasswordHasher(4), Clock.systemUTC())) {
            if (store.sql().number("SELECT COUNT(*) FROM responses") > 0) {
                throw new IllegalArgumentException("the benchmark database " + dbPath + " is not empty: give a new path");
            }
            progress.accept("seeding " + config.doctors() + " doctors and " + config.answers() + " answers");
            slices = seed(store, config);
        }
        FeedbackStore store = FeedbackStore.open(dbPath, new PasswordHasher(4), Clock.systemUTC());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Load load;
        try (FeedbackServer server = FeedbackServer.start(store, ServerConfig.loopback())) {
            progress.accept("loading http://127.0.0.1:" + server.port() + " with " + config.clients() + " clients for "
                    + config.warmupSeconds() + " s warm-up + " + config.seconds() + " s");
            load = drive(server.port(), config, slices, acknowledged);
        } finally {
            store.close();
        }
        long present;
        try (FeedbackStore reopened = FeedbackStore.open(dbPath)) {
            Set<String> stored = new HashSet<>(reopened.sql().read(tx -> tx.list(
                    "SELECT u.username || ':' || r.response_id FROM ratings r JOIN users u ON u.id = r.user_id", rs -> rs.getString(1))));
            present = acknowledged.stream().filter(stored::contains).count();
        }
        Percentiles p = new Percentiles(load.latencies);
        return new BenchResult(load.ok / load.seconds, load.latencies.length, load.errors, p.millis(50), p.millis(90),
                p.millis(99), p.millis(100), acknowledged.size(), present, acknowledged.size() - present,
                config.clients(), config.doctors(), load.seconds,
                load.cpuNanos < 0 || load.ok == 0 ? Double.NaN : load.cpuNanos / 1e6 / load.ok);
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
            } catch (InterruptedException e) {
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
                try (LoopbackHttp http = new LoopbackHttp(port)) {
                    String[] session = login(http, doctor);
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    exhausted[client] = true;
                    for (long answer : slices.get(client)) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            exhausted[client] = false;
                            break;
                        }
                        String body = "{\"responseId\":" + answer + ",\"value\":\"" + (answer % 3 == 0 ? "down" : "up") + "\"}";
                        LoopbackHttp.Response r = http.send("POST", "/api/ratings", session[0], session[1], body);
                        long t1 = System.nanoTime();
                        boolean ok = r.status() == 201;
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
            cpuWatch.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the benchmark ran", e);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        double seconds = (Math.min(System.nanoTime(), end) - measureFrom) / 1e9;
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

    /** Logs in through the real flow; returns {session cookie, CSRF token}. */
    private static String[] login(LoopbackHttp http, String doctor) throws IOException {
        LoopbackHttp.Response t = http.send("GET", "/api/login/csrf", null, null, null);
        String loginCookie = "align_login_csrf=" + csrf(t.body());
        LoopbackHttp.Response r = http.send("POST", "/api/login", loginCookie, csrf(t.body()),
                "{\"username\":\"" + doctor + "\",\"password\":\"" + PASSWORD + "\"}");
        if (r.status() != 200 || r.sessionCookie() == null) {
            throw new IOException("login of " + doctor + " failed: HTTP " + r.status() + " " + r.body());
        }
        return new String[] {r.sessionCookie(), csrf(r.body())};
    }

    private static String csrf(String json) throws IOException {
        Matcher m = CSRF.matcher(json);
        if (!m.find()) {
            throw new IOException("no csrfToken in " + json);
        }
        return m.group(1);
    }
}
