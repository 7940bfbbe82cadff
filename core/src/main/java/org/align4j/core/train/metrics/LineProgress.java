package org.align4j.core.train.metrics;

import java.io.PrintStream;
import java.util.Map;

/** {@link ProgressDisplay} as one line per logging step, for logs and CI. */
final class LineProgress implements ProgressDisplay {
    private final String task;
    private final long startStep;
    private final long total;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    LineProgress(String task, long startStep, long total, PrintStream out) {
        this.task = task;
        this.startStep = startStep;
        this.total = total;
        this.out = out;
    }

    @Override
    public void step(long step) {
        // lines are printed at logging steps only
    }

    @Override
    public void log(long step, Map<String, Double> metrics) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long done = step - startStep;
        String eta = done > 0 ? duration(elapsed / done * (total - step)) : "?";
        out.printf("%s step %d/%d (%.0f%%) | %s | eta %s%n", task, step, total, 100.0 * step / total,
                ProgressDisplay.format(metrics), eta);
        out.flush();
    }

    @Override
    public void message(String text) {
        out.println(text);
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    @Override
    public void close() {
        out.flush();
    }
}
