package org.align4j.cli.feedback;

import picocli.CommandLine;
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
public final class FeedbackCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
