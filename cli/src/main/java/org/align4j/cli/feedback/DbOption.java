package org.align4j.cli.feedback;

import picocli.CommandLine.Option;

/** The {@code --db} option shared by the feedback commands. */
final class DbOption {
    /** Default: an H2 file under ./feedback-data, created on first use. */
    static final String DEFAULT = "feedback-data/feedback";

    @Option(names = "--db", paramLabel = "URL", defaultValue = DEFAULT,
            description = "The feedback database: an H2 file path (default: ${DEFAULT-VALUE}) or a JDBC URL"
                    + " (jdbc:h2:file:/path/feedback, jdbc:postgresql://host/db?user=align&sslmode=verify-full);"
                    + " a PostgreSQL password comes from ALIGN_DB_PASSWORD or ALIGN_DB_PASSWORD_FILE, never the URL.")
    String db;
}
