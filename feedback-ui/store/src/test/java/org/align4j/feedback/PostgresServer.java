package org.align4j.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests only: a throwaway PostgreSQL cluster in a temporary directory, listening on loopback, started
 * once per JVM from Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}) and stopped at exit.
 * Without the binaries, PostgreSQL tests are skipped with a message, except in CI ({@code CI=true}),
 * where they fail: {@code .ci/run} installs the {@code postgresql} package.
 *
 * <p>Tests choose the database with the system property {@code align.test.db} ({@code h2}, the
 * default, or {@code postgresql}); each module's second surefire run sets it to {@code postgresql}.
 */
public final class PostgresServer {
    /** The system property that selects the database tests run on. */
    public static final String PROPERTY = "align.test.db";
    private static final String USER = "align";
    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Whether this test run uses PostgreSQL. */
    public static boolean selected() {
        return "postgresql".equals(System.getProperty(PROPERTY, "h2"));
    }

    /** The JDBC URL of a new, empty database: on the throwaway PostgreSQL cluster when selected, else in-memory H2. */
    public static String newDatabaseUrl() {
        return selected() ? shared().createDatabase() : "jdbc:h2:mem:" + UUID.randomUUID();
    }

    /** A new database that survives this process: the H2 file {@code h2File}, or a new database on the PostgreSQL cluster. */
    public static String newDurableDatabaseUrl(Path h2File) {
        return selected() ? shared().createDatabase() : "jdbc:h2:file:" + h2File.toAbsolutePath();
    }

    /** The cluster of this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "postgres-test-cluster-stop"));
        }
        return shared;
    }

    private static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))
                    && Files.isExecutable(b.resolve("pg_ctl"))).max(Comparator.comparing(b -> b.getParent().getFileName().toString(),
                    Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PostgresServer start() {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            String why = "no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin: install Debian's"
                    + " postgresql package (.ci/run does) to run the PostgreSQL tests";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
        try {
            Path dir = Files.createTempDirectory("align4j-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            PostgresServer s = new PostgresServer(bin.get(), dir, freePort(), root);
            if (root) { // initdb refuses to run as root: the cluster belongs to the postgres account
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            s.run("initdb", "-D", dir.resolve("data").toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync",
                    "--no-instructions");
            // fsync off: the tests kill the app, never the database server; this only spares the disk.
            s.run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
                    "-o", "-p " + s.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
                    "start");
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void run(String tool, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("pg-" + tool, ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The JDBC URL of database {@code name} on this cluster. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }

    /** Creates an empty database and returns its URL. */
    public String createDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return url(name);
    }

    private void stop() {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL cluster in " + dir + ": " + e.getMessage());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
