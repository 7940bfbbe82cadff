package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs {@code align ...} in-process and captures its exit code, standard output and error output. */
public final class CliRunner {
    public record Result(int exitCode, String out, String err) {
        /** Asserts the command succeeded (exit code 0); a failure shows what it printed. */
        public Result succeeded() {
            assertThat(exitCode).as(err + out).isZero();
            return this;
        }

        /**
         * Asserts the command failed as a user error (exit code 1) that says {@code message}, and left
         * {@code output} unwritten: a failed run writes nothing half-done.
         */
        public void failedWithoutWriting(String message, Path output) {
            assertThat(exitCode).as(err).isEqualTo(1);
            assertThat(err).contains(message);
            assertThat(output).doesNotExist();
        }
    }

    private CliRunner() {}

    public static Result run(String... args) {
        return run(cl -> { }, args);
    }

    /**
     * Runs {@code args} on a fresh command line that {@code prepare} adjusts first (e.g. a subcommand's standard input).
     * The command line is built after {@code System.out} is redirected: picocli's writers hold the stream that was
     * {@code System.out} when they were made, so one built earlier would print past the capture.
     */
    public static synchronized Result run(Consumer<CommandLine> prepare, String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            var cl = AlignCommand.commandLine();
            prepare.accept(cl);
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            ps.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }
}
