package org.align4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.align4j.core.io.AtomicDirectory;

/**
 * The checkpoints of a run: {@code OUT/checkpoint-STEP/}, each with the model (or adapter) files at
 * its top, {@code run_config.yaml}, and {@code training_state/} (optimizer, trainer state). A
 * checkpoint is written in a temp directory and renamed into place, so one that exists is complete.
 */
public final class Checkpoints {
    public static final String PREFIX = "checkpoint-";
    public static final String STATE_DIR = "training_state";
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)");

    private Checkpoints() {}

    /** {@code out/checkpoint-step}. */
    public static Path dir(Path out, long step) {
        return out.resolve(PREFIX + step);
    }

    /** The complete checkpoints in {@code out}, oldest (lowest step) first. */
    public static List<Path> list(Path out) {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(STATE_DIR).resolve(TrainingState.FILE)))
                    .sorted(Comparator.comparingLong(Checkpoints::stepOf))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint with the highest step, if any. */
    public static Optional<Path> latest(Path out) {
        List<Path> all = list(out);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The step in a checkpoint directory's name. */
    public static long stepOf(Path checkpoint) {
        Matcher m = NAME.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not named checkpoint-STEP");
        }
        return Long.parseLong(m.group(1));
    }

    /** Deletes the oldest checkpoints so that at most {@code keep} remain ({@code keep <= 0}: keep all). */
    public static List<Path> prune(Path out, int keep) {
        List<Path> removed = new ArrayList<>();
        if (keep <= 0) {
            return removed;
        }
        List<Path> all = list(out);
        for (int i = 0; i < all.size() - keep; i++) {
            AtomicDirectory.deleteRecursively(all.get(i));
            removed.add(all.get(i));
        }
        return removed;
    }
}
