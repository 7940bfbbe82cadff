package org.align4j.datasets.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.SftExample;

/**
 * The prompt of a row of any data kind, read by that kind's codec and so checked by its rules: a pair's, rating's
 * or unpaired example's {@code "prompt"}, an SFT row's conversation before its last answer
 * ({@link SftExample#prompt()}); also the rows that hold only a question: {@code {"prompt": "text"}} or
 * {@code {"prompt": [messages]}}, and an Alpaca {@code {"instruction", "input"}} without {@code "output"}.
 * {@link Conversations#lastUserText} of it is the question a reader sees.
 */
public final class RowPrompt {
    private static final List<String> PROMPT_KEYS = List.of("prompt", "id");
    private static final List<String> QUESTION_KEYS = List.of("instruction", "input", "id");

    private RowPrompt() {}

    /**
     * The prompt of {@code row}, ending with a user turn.
     *
     * @throws InvalidRecordException with what is wrong and the fix, when the row breaks its kind's rules or holds
     *     no prompt
     */
    public static List<ChatMessage> of(ObjectNode row) {
        if (row.has("chosen") || row.has("rejected")) {
            return Codecs.PAIRS.fromJson(row).prompt();
        }
        if (row.has("response") || row.has("score")) {
            return Codecs.RATINGS.fromJson(row).prompt();
        }
        if (row.has("completion") || row.has("label")) {
            return Codecs.UNPAIRED.fromJson(row).prompt();
        }
        if (row.has("messages") || row.has("output")) {
            return Codecs.SFT.fromJson(row).prompt();
        }
        if (row.has("instruction")) {
            Fields.requireKnownKeys(row, QUESTION_KEYS, "");
            return List.of(ChatMessage.user(SftExample.Alpaca.question(
                    Fields.requiredString(row, "instruction", "give the question or task"),
                    Fields.optionalPossiblyEmptyString(row, "input"))));
        }
        if (row.has("prompt")) {
            Fields.requireKnownKeys(row, PROMPT_KEYS, "");
            return Conversations.requirePrompt(Fields.prompt(row, "prompt"), "prompt");
        }
        throw new InvalidRecordException("needs a non-empty \"prompt\" (text or messages), \"instruction\" or"
                + " \"messages\" with a user turn", "give {\"prompt\": \"...\"} or a row of a data file: sft, pairs,"
                + " ratings or unpaired");
    }
}
