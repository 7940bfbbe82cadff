package org.align4j.cli.feedback;

import java.io.PrintWriter;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.User;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code align feedback user list}: prints every account. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
public final class FeedbackUserListCommand implements Runnable {
    @CommandLine.Mixin DbOption db;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (FeedbackStore store = FeedbackStore.open(db.db)) {
            for (User u : store.users().list()) {
                out.println(u.username() + "\t" + u.role().dbName() + "\t" + u.displayName());
            }
        }
    }
}
