package org.align4j.cli.feedback;

import org.align4j.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code align feedback}: the doctors' rating app and its data. */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        description = "Serve the doctors' feedback app, manage its accounts, and export ratings and preference pairs.",
        subcommands = {
            FeedbackServeCommand.class,
            FeedbackUserCommand.class,
            FeedbackEnqueueCommand.class,
            FeedbackImportAnswersCommand.class,
            FeedbackSimulatePanelCommand.class,
            FeedbackExportCommand.class,
            FeedbackBackupCommand.class
        })
public final class FeedbackCommand extends GroupCommand {}
