package org.align4j.cli.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.align4j.cli.AlignCommand;
import org.align4j.cli.ExitCodeException;

/**
 * Runs the demo's stages in order, each a real {@code align} command run in-process (so the demo takes
 * exactly the code paths a user's commands take) or a Java step, with a numbered header, the command
 * line a user would type, and the time each took. A failing stage stops the demo naming the stage.
 */
final class DemoStages {
    /** Exit code of a command stopped by Ctrl-C after saving (128 + SIGINT), passed on by the demo. */
    static final int EXIT_INTERRUPTED = org.align4j.cli.train.RunOptions.EXIT_INTERRUPTED;

    private final PrintStream out;
    private final int total;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private int done;

    DemoStages(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Runs {@code align args...}; a non-zero exit stops the demo. */
    void command(String title, List<String> args) {
        step(title, () -> {
            out.println("$ align " + String.join(" ", args));
            out.flush();
            int code = AlignCommand.commandLine().execute(args.toArray(String[]::new));
            if (code == EXIT_INTERRUPTED) {
                throw new ExitCodeException(EXIT_INTERRUPTED, "demo interrupted during \"" + title + "\" (its"
                        + " checkpoint is saved; nothing after it ran): align " + String.join(" ", args) + " --resume"
                        + " continues that stage");
            }
            if (code != 0) {
                throw new IllegalStateException("demo stage \"" + title + "\" failed: align " + String.join(" ", args)
                        + " exited with " + code + " (its message is above)");
            }
            return null;
        });
    }

    /** Runs a Java step of the demo. */
    <T> T step(String title, Supplier<T> body) {
        done++;
        if (done > total) {
            throw new IllegalStateException("stage " + done + " (" + title + ") is beyond the " + total
                    + " announced: name it in DemoCommand.stageOrder()");
        }
        out.printf(Locale.ROOT, "%n== [%d/%d] %s  (%s elapsed)%n", done, total, title, clock(elapsedSeconds()));
        long t0 = System.nanoTime();
        T result = body.get();
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.put(title, s);
        out.printf(Locale.ROOT, "-- %s: %.1f s%n", title, s);
        return result;
    }

    /** Stage title → seconds, in order. */
    Map<String, Double> seconds() {
        return seconds;
    }

    /** Seconds since the demo started. */
    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The stage times as aligned lines, {@code title  m:ss}, for the closing summary. */
    List<String> summary() {
        int width = seconds.keySet().stream().mapToInt(String::length).max().orElse(0);
        List<String> lines = new ArrayList<>();
        seconds.forEach((title, s) -> lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %6s", title,
                clock(s))));
        return lines;
    }

    /** {@code m:ss}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }
}
