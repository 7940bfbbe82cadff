package org.align4j.cli.feedback;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.export.ExportResult;
import org.align4j.feedback.export.FeedbackExporter;
import org.align4j.feedback.export.FeedbackWeighting;
import org.align4j.feedback.pairs.PairIssue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align feedback export}: writes preference pairs, ratings or KTO examples as JSONL. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the feedback as JSONL: pairs {\"prompt\",\"chosen\",\"rejected\",...}, ratings {\"prompt\",\"response\",\"score\",...}"
                + " or unpaired KTO examples {\"prompt\",\"completion\",\"label\",\"weight\",\"reason\",...}."
                + " Ties and conflicts are listed, not guessed.")
public final class FeedbackExportCommand implements Runnable {
    /** What to export. */
    enum Kind { pairs, ratings, unpaired }

    @CommandLine.Mixin DbOption db;

    @Option(names = "--kind", required = true, description = "pairs, ratings or unpaired (KTO examples).")
    Kind kind;

    @Option(names = "--rater-weights", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "unpaired: weigh each doctor's votes by their reliability (Dawid-Skene on shared answers;"
                    + " default: on).")
    boolean raterWeights;

    @Option(names = "--unsafe-weight", defaultValue = "3.0", paramLabel = "W",
            description = "unpaired: weight of a thumbs-down marked unsafe (default: ${DEFAULT-VALUE}).")
    double unsafeWeight;

    @Option(names = "--since", paramLabel = "T",
            description = "Only feedback at or after T: an ISO instant (2025-06-01T08:00:00Z) or a UTC date (2025-06-01).")
    String since;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Output file (written atomically).")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Instant from = parseSince(since);
        PrintWriter w = spec.commandLine().getOut();
        try (FeedbackStore store = FeedbackStore.open(db.db)) {
            FeedbackExporter exporter = new FeedbackExporter(store);
            ExportResult r = switch (kind) {
                case pairs -> exporter.pairs(from, out);
                case ratings -> exporter.ratings(from, out);
                case unpaired -> exporter.unpaired(from, new FeedbackWeighting(raterWeights, unsafeWeight, 1.0), out);
            };
            w.println("wrote " + r.written() + " " + kind + " to " + out);
            for (PairIssue i : r.issues()) {
                w.println("  not a pair (" + i.kind().name().toLowerCase(java.util.Locale.ROOT) + "): " + i.detail());
            }
            for (String s : r.skipped()) {
                w.println("  skipped: " + s);
            }
        }
    }

    static Instant parseSince(String since) {
        if (since == null) {
            return null;
        }
        try {
            return since.length() == 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since " + since + " is not a time: give 2025-06-01T08:00:00Z or 2025-06-01");
        }
    }
}
