package org.align4j.cli.feedback;

import java.nio.file.Path;
import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.queue.AnswersFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align feedback import-answers}: puts answers that were generated elsewhere (another tool, a
 * demo file) into the doctors' queue. {@code align feedback enqueue} generates them with a model.
 */
@Command(name = "import-answers", mixinStandardHelpOptions = true,
        description = "Queue pre-generated answers: one {\"prompt\", \"answers\": [...], \"generation_settings\": {...}} a line.")
public final class FeedbackImportAnswersCommand implements Runnable {
    @CommandLine.Mixin DbOption db;

    @Option(names = "--in", required = true, paramLabel = "FILE.jsonl", description = "The answers file.")
    Path in;

    @Option(names = "--model-version", required = true, paramLabel = "NAME",
            description = "The model version that produced the answers (registered if new).")
    String modelVersion;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "The model's checkpoint directory, recorded with the version.")
    String checkpoint;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        List<AnswersFile.Row> rows = AnswersFile.read(in);
        try (FeedbackStore store = FeedbackStore.open(db.db)) {
            AnswerQueue.Queued q = AnswerQueue.add(store, modelVersion, checkpoint, rows);
            spec.commandLine().getOut().println("queued " + q.answers() + " answers to " + rows.size()
                    + " prompts from model version " + q.version().name());
        }
    }
}
