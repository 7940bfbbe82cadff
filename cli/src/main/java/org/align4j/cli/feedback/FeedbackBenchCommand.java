package org.align4j.cli.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.align4j.cli.ExitCodeException;
import org.align4j.feedback.bench.BenchConfig;
import org.align4j.feedback.bench.BenchResult;
import org.align4j.feedback.bench.RatingBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The feedback server's rating load test: ratings per second and latency percentiles on loopback,
 * then a check that every acknowledged rating is in the reopened database. Prints JSON. Meant to
 * become {@code align bench feedback}; registered as {@code align bench-feedback} until then.
 */
@Command(name = "bench-feedback", mixinStandardHelpOptions = true,
        description = "Load-test the feedback server on loopback: ratings/s, p50/p90/p99 latency, and every acknowledged rating"
                + " checked after restart. Prints JSON.")
public final class FeedbackBenchCommand implements Runnable {
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

    @Option(names = "--db", paramLabel = "PATH",
            description = "A new H2 file path for the benchmark database (default: a temporary directory, deleted afterwards).")
    Path db;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        BenchConfig config = new BenchConfig(doctors, answers, clients, warmup, seconds);
        Path tempDir = null;
        try {
            String path;
            if (db == null) {
                tempDir = Files.createTempDirectory("align-bench-feedback");
                path = tempDir.resolve("feedback").toString();
            } else {
                path = db.toString();
            }
            BenchResult r = RatingBenchmark.run(path, config, line -> spec.commandLine().getErr().println(line));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            spec.commandLine().getOut().println(json.writeValueAsString(r));
            spec.commandLine().getOut().flush();
            if (r.missing() > 0) {
                throw new ExitCodeException(1, r.missing() + " acknowledged ratings are missing after restart");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the feedback benchmark: " + e.getMessage(), e);
        } finally {
            if (tempDir != null) {
                deleteQuietly(tempDir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the result has been printed.
        }
    }
}
