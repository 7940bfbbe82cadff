package org.align4j.cli.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.cli.ExitCodeException;
import org.align4j.cli.io.JsonResultOption;
import org.align4j.cli.io.ScratchFolder;
import org.align4j.feedback.bench.BenchConfig;
import org.align4j.feedback.bench.BenchResult;
import org.align4j.feedback.bench.RatingBenchmark;
import org.align4j.feedback.db.DatabaseUrl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align bench feedback}: the feedback server's rating load test on one or more databases,
 * one after the other in this process: ratings per second, latency percentiles, disk use per 1,000
 * ratings, then a check that every acknowledged rating is in the reopened database. One JSON object,
 * a member per database kind ({@code h2}, {@code postgresql}) and, with both, their ratios.
 */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = {"Load-test the feedback server on loopback: ratings/s, p50/p90/p99 latency, database bytes per",
            "1,000 ratings, and every acknowledged rating checked after restart; on an H2 file and/or PostgreSQL. JSON out."})
public final class FeedbackBenchCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--doctors", defaultValue = "8", description = "Doctor accounts (default: ${DEFAULT-VALUE}).")
    int doctors;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent closed-loop clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--answers", defaultValue = "60000", description = "Answers in the queue (default: ${DEFAULT-VALUE}).")
    int answers;

    @Option(names = "--warmup-seconds", defaultValue = "15",
            description = "Unmeasured warm-up while the JIT compiles the request path (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured load (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--db", paramLabel = "DB",
            description = {"A database to load, repeatable, at most one of each kind: a new H2 file path, or the JDBC URL of an",
                "empty database (jdbc:postgresql://127.0.0.1:5432/bench?user=align; password from ALIGN_DB_PASSWORD or",
                "ALIGN_DB_PASSWORD_FILE, never in the URL). Default: an H2 file in a temporary directory, deleted afterwards."})
    List<String> dbs = new ArrayList<>();

    @CommandLine.Mixin JsonResultOption out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        BenchConfig config = new BenchConfig(doctors, answers, clients, warmup, seconds);
        // Without --db: an H2 file in a folder of its own, deleted afterwards.
        try (ScratchFolder scratch = dbs.isEmpty() ? ScratchFolder.create("align-bench-feedback") : null) {
            List<String> targets = new ArrayList<>(dbs);
            if (scratch != null) {
                targets.add(scratch.path().resolve("feedback").toString());
            }
            Map<String, String> byKind = new LinkedHashMap<>();
            for (String db : targets) {
                String kind = DatabaseUrl.kind(DatabaseUrl.normalise(db));
                if (byKind.put(kind, db) != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--db: two " + kind
                            + " databases; give at most one of each kind (an H2 path and a PostgreSQL URL)");
                }
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("doctors", doctors).put("clients", clients).put("warmup_seconds", warmup).put("seconds", seconds);
            Map<String, BenchResult> results = new LinkedHashMap<>();
            long missing = 0;
            for (Map.Entry<String, String> e : byKind.entrySet()) {
                BenchResult r = RatingBenchmark.run(e.getValue(), config, line -> spec.commandLine().getErr().println(line));
                results.put(e.getKey(), r);
                result.set(e.getKey(), JSON.valueToTree(r));
                missing += r.missing();
            }
            if (results.containsKey("h2") && results.containsKey("postgresql")) {
                result.set("postgresql_vs_h2", ratios(results.get("postgresql"), results.get("h2")));
            }
            out.print(result, spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            if (missing > 0) {
                throw new ExitCodeException(1, missing + " acknowledged ratings are missing after restart");
            }
        }
    }

    /** PostgreSQL's figures divided by H2's, measured in the same process one after the other. */
    static ObjectNode ratios(BenchResult pg, BenchResult h2) {
        ObjectNode r = JSON.createObjectNode();
        r.put("ratings_per_second", pg.ratingsPerSecond() / h2.ratingsPerSecond());
        r.put("latency_p50_ms", pg.p50Ms() / h2.p50Ms());
        r.put("latency_p99_ms", pg.p99Ms() / h2.p99Ms());
        r.put("process_cpu_ms_per_rating", pg.cpuMsPerRating() / h2.cpuMsPerRating());
        r.put("db_bytes_per_1000_ratings_under_load", pg.size().perThousandUnderLoad() / h2.size().perThousandUnderLoad());
        r.put("db_bytes_per_1000_ratings_after_close", pg.size().perThousandAfterClose() / h2.size().perThousandAfterClose());
        r.put("ratings_table_bytes_per_1000_ratings", pg.size().ratingsTablePerThousand() / h2.size().ratingsTablePerThousand());
        return r;
    }
}
