package org.align4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.align4j.core.io.AtomicDirectory;

/**
 * A run's output directory: {@code checkpoint-STEP/}, {@code metrics.jsonl}, {@code tensorboard/},
 * {@code run_config.yaml}, {@code final/} (and {@code best/} with early stopping). Decides whether a
 * run may start there, and which checkpoint a resumed run continues from.
 */
public final class RunDirectory {
    public static final String CONFIG_FILE = "run_config.yaml";
    public static final String METRICS_FILE = "metrics.jsonl";
    public static final String TENSORBOARD_DIR = "tensorboard";
    public static final String FINAL_DIR = "final";
    public static final String BEST_DIR = "best";

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Prepares the directory and returns the checkpoint to resume from, if resuming.
     *
     * @param resume continue from the latest checkpoint (an error when there is none)
     * @param overwrite start afresh even though checkpoints exist (they are deleted)
     */
    public Optional<Path> prepare(boolean resume, boolean overwrite, String configYaml) {
        List<Path> existing = Checkpoints.list(root);
        Optional<Path> from = Optional.empty();
        if (resume) {
            if (existing.isEmpty()) {
                throw new IllegalArgumentException("train.resume: no checkpoint-STEP/ with training_state/ in " + root
                        + " to resume from; start without --resume");
            }
            from = Optional.of(existing.get(existing.size() - 1));
        } else if (!existing.isEmpty()) {
            if (!overwrite) {
                throw new IllegalArgumentException("train.output_dir: " + root + " already holds checkpoints of a run ("
                        + existing.get(existing.size() - 1).getFileName() + "); pass --resume to continue it, choose "
                        + "another output_dir, or set train.overwrite_output_dir=true to start over");
            }
            existing.forEach(AtomicDirectory::deleteRecursively);
            AtomicDirectory.deleteRecursively(root.resolve(TENSORBOARD_DIR));
        }
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve(CONFIG_FILE), configYaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(CONFIG_FILE) + ": " + e.getMessage(), e);
        }
        return from;
    }
}
