package org.align4j.feedback.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The feedback server in a separate JVM (the test classpath), so that tests can kill it. Output goes to a log file. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    final Process process;
    final Path log;
    final int port;

    /** Serves {@code db} (an H2 file path or a JDBC URL); the log goes to a file in {@code logDir}. */
    ServerProcess(String db, Path logDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        log = Files.createTempFile(logDir, "server", ".log");
        process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ServeForTests.class.getName(), db).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int found = -1;
        while (found < 0 && process.isAlive() && System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                found = Integer.parseInt(m.group(1));
            } else {
                Thread.sleep(100);
            }
        }
        if (found < 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the server process did not start: " + output());
        }
        port = found;
    }

    List<String> output() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM with kill(1) and returns the exit code. */
    int terminate() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -TERM " + process.pid() + " failed");
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within 60 s of SIGTERM: " + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
