package org.align4j.cli.feedback;

import static org.align4j.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.cli.CliRunner.Result;
import org.align4j.cli.AlignCommand;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Thumb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeedbackCommandsTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    private static Result addUser(String db, String name, String role) {
        return UserAdd.run(db, name, role, PASSWORD);
    }

    @Test
    void anAdminCreatesAccountsQueuesAnswersAndExportsThePairs() throws Exception {
        String db = dir.resolve("fb").toString();
        assertThat(addUser(db, "ann", "doctor").out()).contains("added doctor ann");
        assertThat(addUser(db, "root", "admin").exitCode()).isZero();
        Result dup = addUser(db, "ann", "doctor");
        assertThat(dup.exitCode()).isEqualTo(1);
        assertThat(dup.err()).contains("error: user 'ann' already exists");
        assertThat(run("feedback", "user", "list", "--db", db).out()).contains("ann\tdoctor").contains("root\tadmin");

        Path answers = dir.resolve("answers.jsonl");
        Files.writeString(answers, "{\"prompt\":\"咳嗽两周怎么办？\",\"answers\":[\"应就医检查。\",\"不用管。\"],\"generation_settings\":{\"temperature\":0.7}}\n");
        assertThat(run("feedback", "import-answers", "--db", db, "--in", answers.toString(), "--model-version", "sft-1").out())
                .contains("queued 2 answers to 1 prompts from model version sft-1");

        try (FeedbackStore store = FeedbackStore.open(db)) {
            User ann = store.users().find("ann").orElseThrow();
            store.feedback().rate(ann.id(), 1, Thumb.UP, null);
            store.feedback().rate(ann.id(), 2, Thumb.DOWN, null);
        }
        Path pairs = dir.resolve("out/pairs.jsonl");
        Result export = run("feedback", "export", "--db", db, "--kind", "pairs", "--out", pairs.toString());
        export.succeeded();
        assertThat(export.out()).contains("wrote 1 pairs");
        assertThat(Files.readString(pairs)).contains("\"prompt\":\"咳嗽两周怎么办？\",\"chosen\":\"应就医检查。\",\"rejected\":\"不用管。\"");
        Path ratings = dir.resolve("ratings.jsonl");
        assertThat(run("feedback", "export", "--db", db, "--kind", "ratings", "--since", "2000-01-01", "--out", ratings.toString()).out())
                .contains("wrote 2 ratings");
        assertThat(Files.readAllLines(ratings)).hasSize(2);
    }

    @Test
    void badInputEndsWithAnErrorThatSaysWhatToFix() throws Exception {
        String db = dir.resolve("fb").toString();
        Result since = run("feedback", "export", "--db", db, "--kind", "pairs", "--since", "last week", "--out", dir.resolve("p.jsonl").toString());
        assertThat(since.exitCode()).isEqualTo(1);
        assertThat(since.err()).contains("--since last week is not a time");
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"prompt\":\"q\",\"answers\":\"not a list\"}\n");
        Result imp = run("feedback", "import-answers", "--db", db, "--in", bad.toString(), "--model-version", "m");
        assertThat(imp.exitCode()).isEqualTo(1);
        assertThat(imp.err()).contains("bad.jsonl:1: \"answers\" must be a non-empty array");
        Result role = addUser(db, "zed", "nurse");
        assertThat(role.err()).contains("role is 'nurse': allowed roles are doctor and admin");
        assertThat(run("feedback", "export", "--db", db, "--kind", "nothing", "--out", "x").exitCode()).isEqualTo(2);
        Result origin = run("feedback", "serve", "--db", db, "--port", "0", "--public-origin", "https://feedback.example.org/app");
        assertThat(origin.exitCode()).isEqualTo(2);
        assertThat(origin.err()).contains("public origin 'https://feedback.example.org/app' has more than a scheme, host and port");
    }

    @Test
    void serveAnswersOnTheGivenPortUntilStopped() throws Exception {
        String db = dir.resolve("fb").toString();
        addUser(db, "ann", "doctor");
        CommandLine cl = AlignCommand.commandLine();
        FeedbackServeCommand serve = cl.getSubcommands().get("feedback").getSubcommands().get("serve").getCommand();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        Thread t = new Thread(() -> cl.execute("feedback", "serve", "--db", db, "--port", "0",
                "--public-origin", "https://feedback.example.org", "--trusted-proxy", "127.0.0.1"));
        t.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (serve.service == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serve.service).isNotNull();
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.service.port() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("登录 Log in");
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.service.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        serve.service.stop();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(out.toString()).contains("feedback server listening on http://127.0.0.1:").contains("feedback server stopped cleanly");
    }

    @Test
    void theBenchmarkPrintsJsonPerDatabaseAndVerifiesEveryAcknowledgedRating() throws Exception {
        // A measured window shorter than any request: the figures must not depend on how fast this machine is.
        Path outFile = dir.resolve("results/bench.json");
        Result r = run("bench", "feedback", "--doctors", "2", "--clients", "2", "--answers", "3000", "--warmup-seconds", "0.2",
                "--seconds", "0.001", "--db", dir.resolve("bench").toString(), "--out", outFile.toString());
        r.succeeded();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.get("clients").asInt()).isEqualTo(2);
        com.fasterxml.jackson.databind.JsonNode h2 = json.get("h2");
        assertThat(h2.get("database").asText()).isEqualTo("h2");
        assertThat(h2.get("requests").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(h2.get("errors").asLong()).isZero();
        assertThat(h2.get("ratings_per_second").asDouble()).isPositive();
        assertThat(h2.get("latency_p99_ms").asDouble()).isPositive();
        assertThat(h2.get("missing").asLong()).isZero();
        assertThat(h2.get("present_after_restart").asLong()).isEqualTo(h2.get("acknowledged").asLong());
        assertThat(h2.at("/size/db_bytes_per_1000_ratings_under_load").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(h2.at("/size/ratings_table_bytes_per_1000_ratings").asDouble()).isPositive();
        assertThat(json.has("postgresql_vs_h2")).as("ratios only with both databases").isFalse();
        assertThat(r.err()).contains("seeding 2 doctors and 3000 answers (h2)");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(outFile.toFile())).isEqualTo(json);

        Result twice = run("bench", "feedback", "--db", dir.resolve("a").toString(), "--db", dir.resolve("b").toString());
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("two h2 databases; give at most one of each kind");
    }

    @Test
    void backupWritesAZipAndRefusesADirectory() throws Exception {
        String db = dir.resolve("fb").toString();
        addUser(db, "ann", "doctor");
        Path zip = dir.resolve("backups/fb.zip");
        Result ok = run("feedback", "backup", "--db", db, "--out", zip.toString());
        ok.succeeded();
        assertThat(ok.out()).contains("backed up " + db + " to " + zip.toAbsolutePath());
        assertThat(Files.size(zip)).isPositive();
        Result dirOut = run("feedback", "backup", "--db", db, "--out", dir.toString());
        assertThat(dirOut.exitCode()).isEqualTo(1);
        assertThat(dirOut.err()).contains("is a directory");
    }
}
