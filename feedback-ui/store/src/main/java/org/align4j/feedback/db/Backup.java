package org.align4j.feedback.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.datasets.io.AtomicFiles;

/**
 * An online backup of an H2 feedback database: H2's {@code BACKUP TO} writes a zip of the database
 * file while the app keeps serving (the MVStore is copy-on-write, so the copy is one consistent
 * state). The zip is written beside {@code out} under a temporary name and renamed when complete, so
 * {@code out} is never half-written. It is run by the process that holds the file; through the
 * loopback share that is the feedback server, so the paths are absolute. To restore: stop the app and
 * unzip the archive where the database file was ({@code feedback.mv.db}).
 *
 * <p>PostgreSQL is backed up with its own tools ({@code pg_dump}); {@link #to} refuses it, naming them.
 */
public final class Backup {
    private Backup() {}

    /** Backs up the database behind {@code sql} (opened at {@code url}) to the zip {@code out}; returns its size in bytes. */
    public static long to(Sql sql, String url, Path out) {
        if (!url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("align feedback backup backs up H2 databases; for " + url.replaceAll("\\?.*", "")
                    + " use PostgreSQL's tools while the app runs, e.g. pg_dump --format=custom --file=feedback.dump"
                    + " \"host=... dbname=... user=...\" (restore with pg_restore)");
        }
        if (url.startsWith("jdbc:h2:mem:")) {
            throw new IllegalArgumentException("the database " + url + " is in memory: there is no file to back up");
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + out + " is a directory: give a file name such as feedback-backup.zip");
        }
        try {
            AtomicFiles.writeFile(target, tmp -> {
                sql.inTransaction(tx -> tx.update("BACKUP TO ?", tmp.toString()));
                if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                    throw new StoreException("BACKUP TO wrote nothing to " + tmp + " (the database server runs on another host?)");
                }
            });
            return Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + target + ": " + e.getMessage(), e);
        }
    }
}
