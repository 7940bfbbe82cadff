package org.align4j.core.train.metrics;

import java.io.PrintStream;
import java.util.Map;

/**
 * Shows training progress: a live progress bar (step, loss, lr, tokens/s, ETA) on a terminal, or
 * one plain line per logging step when output goes to a file or pipe.
 */
public interface ProgressDisplay extends AutoCloseable {
    /** Step {@code step} (of the run's total) has completed. */
    void step(long step);

    /** The metrics of a logging step ({@code loss}, {@code lr}, {@code tokens_per_s}, …). */
    void log(long step, Map<String, Double> metrics);

    /** A line of text that is not a metric (evaluation result, checkpoint saved). */
    void message(String text);

    @Override
    void close();

    /**
     * A progress bar when a console is attached ({@code System.console() != null}), plain lines on
     * {@code out} otherwise.
     */
    static ProgressDisplay create(String task, long startStep, long totalSteps, PrintStream out) {
        if (System.console() != null) {
            return new BarProgress(task, startStep, totalSteps, out);
        }
        return new LineProgress(task, startStep, totalSteps, out);
    }

    /** Formats the usual metrics compactly: {@code loss 2.3100 | lr 1.00e-04 | 1,234 tok/s}. */
    static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            if (k.equals("lr")) {
                sb.append(String.format("lr %.2e", v));
            } else if (k.equals("tokens_per_s")) {
                sb.append(String.format("%,.0f tok/s", v));
            } else if (k.equals("epoch")) {
                sb.append(String.format("epoch %.2f", v));
            } else {
                sb.append(String.format("%s %.4f", k, v));
            }
        });
        return sb.toString();
    }

    /** {@code text} on one line (newlines as spaces), cut to 160 characters with "..." : a logged sample. */
    static String oneLine(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...";
    }
}
