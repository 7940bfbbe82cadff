package org.align4j.dpo.refresh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.align4j.core.io.AtomicDirectory;

/**
 * The models root of a refresh job on disk:
 * <pre>
 * models/
 *   versions/&lt;name&gt;/     one complete model per promoted (or at least installed) version
 *   production -&gt; versions/&lt;name&gt;   a symbolic link: serve from models/production
 *   runs/run-&lt;id&gt;/        each run's checkpoints, metrics.jsonl and candidate
 * </pre>
 * A version directory appears whole (renamed into place) before anything points at it, and the
 * {@code production} link is replaced by an atomic rename of a new link over it, so a reader sees
 * the old model or the new one, never a half-written one.
 */
public final class ModelsRoot {
    static final String VERSIONS = "versions";
    static final String RUNS = "runs";
    static final String PRODUCTION = "production";

    private final Path root;

    public ModelsRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The directory of version {@code name}. */
    public Path version(String name) {
        return root.resolve(VERSIONS).resolve(name);
    }

    /** The work directory of run {@code runId}. */
    public Path runDir(long runId) {
        return root.resolve(RUNS).resolve("run-" + runId);
    }

    /** The production link. */
    public Path productionLink() {
        return root.resolve(PRODUCTION);
    }

    /**
     * Installs {@code candidate} as version {@code name}: moved when it lies on the same file system,
     * else copied into a hidden temp directory first; either way renamed into place whole.
     */
    public Path install(Path candidate, String name) {
        Path target = version(name);
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " already exists: version names are never reused");
        }
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(candidate, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                AtomicDirectory.write(target, dir -> copyTree(candidate, dir));
            }
            sync(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + candidate + " as " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Points {@code production} at {@code versionDir} by renaming a fresh link over the old one. */
    public void pointProductionAt(Path versionDir) {
        Path abs = versionDir.toAbsolutePath().normalize();
        Path target = abs.startsWith(root) ? root.relativize(abs) : abs;
        Path tmp = root.resolve("." + PRODUCTION + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(root);
            Files.createSymbolicLink(tmp, target);
            Files.move(tmp, productionLink(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot point " + productionLink() + " at " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover hidden link is removed by the next run's clean-up
            }
        }
    }

    /** Where the production link points (resolved against the root), or empty when there is none. */
    public Optional<Path> production() {
        Path link = productionLink();
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(root.resolve(Files.readSymbolicLink(link)).normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + link + ": " + e.getMessage(), e);
        }
    }

    /** Removes what a killed process can leave: hidden temp directories and links, and {@code runDir}. */
    public void cleanUp(Iterable<Long> deadRuns) {
        for (Path dir : new Path[] {root, root.resolve(VERSIONS), root.resolve(RUNS)}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".") && (n.contains(".tmp-") || n.contains(".old-"))) {
                        if (Files.isSymbolicLink(p)) {
                            Files.delete(p);
                        } else {
                            AtomicDirectory.deleteRecursively(p);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
            }
        }
        for (long id : deadRuns) {
            AtomicDirectory.deleteRecursively(runDir(id));
        }
    }

    /**
     * Forces the version's files to the disk before the database names it: a power failure after the
     * commit must not leave production pointing at files still in the page cache.
     */
    private static void sync(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }
    }

    /**
     * Frees the disk a finished run no longer needs: its checkpoints (model and optimizer state) and
     * cached reference log-probs. Its metrics, configuration and TensorBoard logs stay.
     */
    public void pruneRun(long runId) {
        Path dir = runDir(runId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("checkpoint-") || n.equals("final") || n.equals("merged") || n.equals("best")) {
                    AtomicDirectory.deleteRecursively(p);
                } else if (n.startsWith("ref_logps-")) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
