package org.align4j.cli.feedback;

import org.align4j.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code align feedback user}: accounts. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the accounts of doctors and admins.",
        subcommands = {FeedbackUserAddCommand.class, FeedbackUserListCommand.class})
public final class FeedbackUserCommand extends GroupCommand {}
