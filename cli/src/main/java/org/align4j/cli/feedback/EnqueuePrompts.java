package org.align4j.cli.feedback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.align4j.cli.io.JsonLinesInput;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.io.RowPrompt;

/**
 * The questions to answer for the doctors' queue, one JSON object a line: {@code {"prompt": "..."}} (or a message
 * list), or a row of a data file (SFT, pair, rating, unpaired) read by its kind's rules ({@link RowPrompt}). The
 * question is the last user turn of the row's prompt ({@link Conversations#lastUserText}); for a multi-turn SFT
 * row, the user turn before its last answer. Duplicates are dropped; every line is checked before anything runs.
 */
final class EnqueuePrompts {
    private EnqueuePrompts() {}

    static List<String> read(Path file) {
        LinkedHashSet<String> prompts = new LinkedHashSet<>(JsonLinesInput.read(file, EnqueuePrompts::question));
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException(file + ": no prompts (expected one JSON object a line)");
        }
        return new ArrayList<>(prompts);
    }

    private static String question(JsonLinesInput.Line line) {
        try {
            return Conversations.lastUserText(RowPrompt.of(line.json()));
        } catch (InvalidRecordException e) {
            throw e.at(line.where());
        }
    }
}
