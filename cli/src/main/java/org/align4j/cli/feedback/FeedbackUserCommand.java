package org.align4j.cli.feedback;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code align feedback user}: accounts. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the accounts of doctors and admins.",
        subcommands = {FeedbackUserAddCommand.class, FeedbackUserListCommand.class})
public final class FeedbackUserCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
