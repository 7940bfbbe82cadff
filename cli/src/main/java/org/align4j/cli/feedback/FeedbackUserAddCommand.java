package org.align4j.cli.feedback;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.auth.PasswordHasher;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align feedback user add}: creates an account. The password is never an argument (it would
 * show in {@code ps} and the shell history): it is typed twice at the terminal, or read as one line
 * from standard input with {@code --password-stdin}.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Create a doctor or admin account.")
public final class FeedbackUserAddCommand implements Runnable {
    @CommandLine.Mixin DbOption db;

    @Option(names = "--username", required = true, description = "Log-in name: 2-64 of a-z 0-9 . _ -")
    String username;

    @Option(names = "--role", defaultValue = "doctor", description = "doctor or admin (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--display-name", description = "The name shown in the app (default: the user name).")
    String displayName;

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input instead of the terminal.")
    boolean passwordStdin;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Where {@code --password-stdin} reads from; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public void run() {
        Role r = Role.ofAccount(role);
        char[] password = password();
        try (FeedbackStore store = FeedbackStore.open(db.db, new PasswordHasher(), Clock.systemUTC())) {
            User u = store.users().add(username, displayName, password, r);
            spec.commandLine().getOut().println("added " + u.role().dbName() + " " + u.username() + " (" + u.displayName() + ")");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] password() {
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new IllegalArgumentException("--password-stdin read no password: pipe it in, e.g. `cat pw.txt | align feedback user add ...`");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from standard input", e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to type the password at: use --password-stdin and pipe it in");
        }
        char[] first = console.readPassword("password for %s: ", username);
        char[] second = console.readPassword("again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new IllegalArgumentException("the two passwords differ: run the command again");
        }
        Arrays.fill(second, '\0');
        return first;
    }
}
