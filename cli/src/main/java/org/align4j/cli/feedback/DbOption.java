package org.align4j.cli.feedback;

import picocli.CommandLine.Option;

/** The {@code --db} option shared by the feedback commands. */
final class DbOption {
    /** Default: an H2 file under ./feedback-data, created on first use. */
    static final String DEFAULT = "feedback-data/feedback";

    @Option(names = "--db", paramLabel = "URL", defaultValue = DEFAULT,
            description = "The feedback database: a JDBC URL (jdbc:h2:file:/path/feedback, jdbc:postgresql://...) or an H2 file"
                    + " path (default: ${DEFAULT-VALUE}).")
    String db;
}
