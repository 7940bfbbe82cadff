package org.align4j.cli.feedback;

import java.util.List;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.queue.AnswersFile;
import org.align4j.feedback.refresh.ModelVersion;

/**
 * Puts answered prompts into the doctors' queue under the model version that answered them: the step that
 * {@code feedback enqueue} (answers generated now) and {@code feedback import-answers} (answers from a file) share.
 */
final class AnswerQueue {
    private AnswerQueue() {}

    /** The model version the answers were queued under, and how many answers went into the queue. */
    record Queued(ModelVersion version, long answers) {}

    /**
     * Registers {@code versionName} (with {@code checkpoint}, which may be null) unless it is known, then queues
     * each row's answers with its generation settings, in order.
     */
    static Queued add(FeedbackStore store, String versionName, String checkpoint, List<AnswersFile.Row> rows) {
        ModelVersion v = store.models().register(versionName, checkpoint, null);
        long answers = 0;
        for (AnswersFile.Row r : rows) {
            answers += store.queue().enqueue(r.prompt(), r.answers(), v.id(), r.generationSettingsJson())
                    .responseIds().size();
        }
        return new Queued(v, answers);
    }
}
