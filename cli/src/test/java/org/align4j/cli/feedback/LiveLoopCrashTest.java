package org.align4j.cli.feedback;

import static org.align4j.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.align4j.cli.CliRunner.Result;
import org.align4j.cli.AlignCommand;
import org.align4j.cli.CliRunner;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.Fixtures;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.PostgresServer;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.bench.DoctorSession;
import org.align4j.feedback.pairs.Choice;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.refresh.ModelVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when test of the live data loop (issue 15): {@code align feedback serve} runs in its own
 * JVM on the H2 file (or, in the PostgreSQL run, a PostgreSQL database) while doctors post ratings;
 * during the load, this JVM runs the real commands on the same {@code --db}: {@code feedback user add},
 * both exports and a whole {@code dpo-refresh} (tiny GPT-2, two DPO steps, gate, promotion). All
 * succeed, ratings keep being acknowledged while they run, the new doctor logs in at once; then the
 * server is killed with SIGKILL and every acknowledged rating is in the database.
 */
class LiveLoopCrashTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final String PASSWORD = "correct horse battery";
    private static final int DOCTORS = 4;
    private static final int THREADS_PER_DOCTOR = 2;
    /** Ratings capacity: 4 doctors × 6,000 answers, so the paced load cannot run dry before the kill. */
    private static final int ANSWERS = 6000;

    @TempDir Path dir;

    @Test
    void refreshExportAndUserAddSucceedDuringARatingLoadAndEveryAcknowledgedRatingSurvivesSigkill() throws Exception {
        Path policy = Fixtures.tinyPolicy(dir.resolve("policy"), 5);
        String db = PostgresServer.newDurableDatabaseUrl(dir.resolve("db/feedback"));
        List<Long> answers = seed(db, policy);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger cutOff = new AtomicInteger();
        List<Thread> load = new ArrayList<>();
        List<Throwable> loadErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Path serverLog = dir.resolve("server.log");
        Process server = serve(db, serverLog);
        try {
            int port = port(server, serverLog);
            for (int t = 0; t < DOCTORS * THREADS_PER_DOCTOR; t++) {
                String doctor = "doc" + (t % DOCTORS);
                int first = t / DOCTORS;
                Thread thread = new Thread(() -> rate(port, doctor, answers, first, stop, acknowledged, cutOff, loadErrors),
                        "rater-" + t);
                thread.start();
                load.add(thread);
            }
            awaitAcknowledged(acknowledged, 100, server, serverLog);

            int beforeJobs = acknowledged.size();
            Result add = addUser(db, "newdoc");
            add.succeeded();
            Result ratings = run("feedback", "export", "--db", db, "--kind", "ratings", "--out", dir.resolve("ratings.jsonl").toString());
            ratings.succeeded();
            assertThat(Files.readAllLines(dir.resolve("ratings.jsonl")).size()).isGreaterThanOrEqualTo(beforeJobs);
            Result pairs = run("feedback", "export", "--db", db, "--kind", "pairs", "--out", dir.resolve("pairs.jsonl").toString());
            pairs.succeeded();
            assertThat(Files.readAllLines(dir.resolve("pairs.jsonl"))).hasSize(24);
            CliRunner.Result refresh = CliRunner.run("dpo-refresh", "--db", db, "--policy", policy.toString(),
                    "--set", "models_root=" + dir.resolve("models"), "--set", "min_new_pairs=8", "--set", "heldout_fraction=0.25",
                    "--set", "gate.min_heldout_pairs=2", "--set", "max_length=128", "--set", "train.batch_size=8",
                    "--set", "train.lr=3e-3", "--set", "train.schedule=constant", "--set", "train.max_steps=2");
            refresh.succeeded();
            assertThat(refresh.out()).contains("promoted: promoted dpo-refresh-run-");
            assertThat(Files.readSymbolicLink(dir.resolve("models/production")).toString()).startsWith("versions/dpo-refresh-run-");
            int afterJobs = acknowledged.size();
            assertThat(afterJobs).as("ratings acknowledged while the jobs ran").isGreaterThan(beforeJobs);

            try (DoctorSession newcomer = DoctorSession.login(port, "newdoc", PASSWORD)) {
                assertThat(newcomer.rate(answers.get(0), true)).isEqualTo(201);
                acknowledged.add("newdoc:" + answers.get(0));
            }
            awaitAcknowledged(acknowledged, afterJobs + 100, server, serverLog);
            server.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            stop.set(true);
            server.destroyForcibly();
            for (Thread t : load) {
                t.join(60_000);
            }
        }
        assertThat(loadErrors).as("unexpected load errors").isEmpty();

        try (FeedbackStore reopened = FeedbackStore.open(db)) {
            Set<String> stored = new HashSet<>(reopened.sql().read(tx -> tx.list(
                    "SELECT u.username || ':' || r.response_id FROM ratings r JOIN users u ON u.id = r.user_id", rs -> rs.getString(1))));
            System.out.printf("live loop, SIGKILL under load: %d ratings acknowledged, %d stored, %d requests cut off%n",
                    acknowledged.size(), stored.size(), cutOff.get());
            List<String> users = reopened.sql().read(tx -> tx.list("SELECT id || ':' || username FROM users",
                    rs -> rs.getString(1)));
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertThat(lost).as("acknowledged ratings missing after SIGKILL (of %d acknowledged; users after the kill: %s)",
                    acknowledged.size(), users).isEmpty();
            assertThat(reopened.models().production().orElseThrow().name()).startsWith("dpo-refresh-run-");
            assertThat(reopened.sql().number("SELECT COUNT(*) FROM job_locks")).as("the refresh released its lock").isZero();
        }
    }

    /** Doctors doc0..doc3, the answers they rate, and one doctor's 24 comparisons: the pairs the refresh trains on. */
    private static List<Long> seed(String db, Path policy) {
        try (FeedbackStore store = FeedbackStore.open(db, new PasswordHasher(4), Clock.systemUTC())) {
            for (int d = 0; d < DOCTORS; d++) {
                store.users().add("doc" + d, "Doctor " + d, PASSWORD.toCharArray(), Role.DOCTOR);
            }
            ModelVersion sft = store.models().register("sft", policy.toString(), null);
            User judge = store.users().add("dr-a", "Dr A", PASSWORD.toCharArray(), Role.DOCTOR);
            for (PreferencePair p : Fixtures.pairs(24, 21)) {
                Enqueued e = store.queue().enqueue(p.plainPrompt(), List.of(p.chosen(), p.rejected()), sft.id(), "{}");
                store.feedback().compare(judge.id(), e.responseIds().get(0), e.responseIds().get(1), Choice.A, null);
            }
            List<Long> ids = new ArrayList<>();
            for (int p = 0; ids.size() < ANSWERS; p++) {
                List<String> texts = new ArrayList<>();
                for (int a = 0; a < 10; a++) {
                    texts.add("answer " + a + " to question " + p + ": rest, fluids, and see a doctor if it lasts.");
                }
                ids.addAll(store.queue().enqueue("load question " + p, texts, sft.id(), "{}").responseIds());
            }
            return ids;
        }
    }

    /**
     * One rater: posts 👍 on every {@link #THREADS_PER_DOCTOR}-th answer from {@code first}, paced so that the
     * jobs get CPU time too, until stopped or until the server stops answering (the kill). Only 👍: the load's
     * ratings make no preference pairs, so the refresh trains on the seeded comparisons alone.
     */
    private static void rate(int port, String doctor, List<Long> answers, int first, AtomicBoolean stop,
                             Set<String> acknowledged, AtomicInteger cutOff, List<Throwable> errors) {
        try (DoctorSession session = DoctorSession.login(port, doctor, PASSWORD)) {
            for (int i = first; i < answers.size() && !stop.get(); i += THREADS_PER_DOCTOR) {
                int status;
                try {
                    status = session.rate(answers.get(i), true);
                } catch (IOException e) {
                    cutOff.incrementAndGet(); // the server was killed with this request in flight
                    return;
                }
                if (status == 201) {
                    acknowledged.add(doctor + ":" + answers.get(i));
                } else {
                    errors.add(new AssertionError(doctor + " rating answer " + answers.get(i) + ": HTTP " + status));
                    return;
                }
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (!stop.get()) {
                errors.add(e);
            }
        }
    }

    private static Process serve(String db, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), AlignCommand.class.getName(),
                "feedback", "serve", "--db", db, "--port", "0").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int port(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (server.isAlive() && System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("align feedback serve did not start: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void awaitAcknowledged(Set<String> acknowledged, int count, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acknowledged.size() < count) {
            assertThat(server.isAlive()).as(() -> "the server died: " + read(log)).isTrue();
            assertThat(System.nanoTime()).as("%d of %d ratings acknowledged after 120 s", acknowledged.size(), count)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Result addUser(String db, String name) {
        return UserAdd.run(db, name, "doctor", PASSWORD);
    }
}
