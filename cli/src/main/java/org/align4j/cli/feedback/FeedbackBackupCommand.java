package org.align4j.cli.feedback;

import java.nio.file.Path;
import org.align4j.feedback.FeedbackStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code align feedback backup --out FILE}: an online backup of the H2 feedback database, also while the app serves. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the H2 feedback database to a zip while the app keeps serving (restore: stop the app, unzip it"
                + " where the database was). PostgreSQL: use pg_dump.")
public final class FeedbackBackupCommand implements Runnable {
    @CommandLine.Mixin DbOption db;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The zip to write (replaced when complete).")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        try (FeedbackStore store = FeedbackStore.open(db.db)) {
            long bytes = store.backup(out);
            spec.commandLine().getOut().println("backed up " + db.db + " to " + out.toAbsolutePath()
                    + " (" + bytes + " bytes)");
        }
    }
}
