package org.align4j.feedback.db;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.align4j.datasets.io.AtomicFiles;
import org.h2.tools.Server;

/**
 * Lets other processes use an H2 file database that this process holds open, so that jobs
 * ({@code export}, {@code user add}, {@code dpo-refresh}, ...) run while {@code align feedback serve}
 * serves. H2 opens a file in one process only; the holder starts H2's TCP server, which refuses
 * every connection that does not come from this host (no {@code -tcpAllowOthers}, unlike H2's
 * {@code AUTO_SERVER}, which listens on every interface), serving only this database under a random
 * key. The URL is written to {@code <database>.server.properties} beside the file (owner-only
 * permissions, written to a temporary file and renamed). A process that opens the same file path
 * reads it and connects through TCP to the same engine, so commits keep the holder's settings
 * ({@code WRITE_DELAY=0}): an acknowledged commit survives the holder being killed.
 */
public final class LoopbackShare implements AutoCloseable {
    private static final String SUFFIX = ".server.properties";

    private final Server server;
    private final Path file;
    private final String url;

    private LoopbackShare(Server server, Path file, String url) {
        this.server = server;
        this.file = file;
        this.url = url;
    }

    /** The H2 file path of {@code url} ({@code jdbc:h2:file:/x/feedback;...} gives {@code /x/feedback}), if it is one. */
    static Optional<Path> filePath(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semi = rest.indexOf(';');
        String name = semi < 0 ? rest : rest.substring(0, semi);
        String lowerName = name.toLowerCase(Locale.ROOT);
        if (lowerName.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (lowerName.startsWith("mem:") || lowerName.startsWith("tcp:") || lowerName.startsWith("ssl:")
                || lowerName.startsWith("zip:") || lowerName.indexOf(':') > 1) {
            return Optional.empty();
        }
        return Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    /** Where the share of the database at {@code dbPath} is announced. */
    static Path announcement(Path dbPath) {
        return dbPath.resolveSibling(dbPath.getFileName() + SUFFIX);
    }

    /**
     * The TCP URL of a live share of the H2 file database {@code url}, if another running process
     * announced one; a stale announcement (its process is gone, e.g. killed) is ignored.
     */
    static Optional<String> find(String url) {
        Optional<Path> path = filePath(url);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Path f = announcement(path.get());
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new StoreException("cannot read " + f + ": " + e.getMessage() + " (delete it if no feedback server runs)", e);
        }
        String pid = p.getProperty("pid", "");
        String shared = p.getProperty("url", "");
        if (!pid.matches("\\d+") || !shared.startsWith("jdbc:h2:tcp://127.0.0.1:")) {
            throw new StoreException(f + " is not a feedback database announcement (pid/url missing): delete it if no"
                    + " feedback server runs");
        }
        long holder = Long.parseLong(pid);
        if (holder == ProcessHandle.current().pid()
                || !ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(shared);
    }

    /** Starts sharing the H2 file database opened at {@code url} (which this process must hold open). */
    static LoopbackShare start(String url) {
        Path path = filePath(url).orElseThrow(() -> new IllegalArgumentException(url + " is not an H2 file database"));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String key = "feedback-" + HexFormat.of().formatHex(random);
        Server server;
        try {
            // No -tcpAllowOthers: only connections from this host are accepted.
            server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-key", key, "file:" + path).start();
        } catch (SQLException e) {
            throw new StoreException("cannot start the H2 TCP server that shares " + path + ": " + e.getMessage(), e);
        }
        String shared = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + key;
        Path f = announcement(path);
        try {
            write(f, shared);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return new LoopbackShare(server, f, shared);
    }

    /** Writes the announcement owner-only: the key in {@code shared} lets whoever reads it into the database. */
    private static void write(Path f, String shared) {
        Properties p = new Properties();
        p.setProperty("url", shared);
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        AtomicFiles.writeOwnerOnly(f, out -> p.store(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                "align4j: the feedback server shares this H2 database on loopback while it runs"));
    }

    /** The URL other processes connect with. */
    public String url() {
        return url;
    }

    /** Removes the announcement, then stops the TCP server (connected jobs then fail). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the announcement names this pid: once the process is gone, readers ignore it
        } finally {
            server.stop();
        }
    }
}
