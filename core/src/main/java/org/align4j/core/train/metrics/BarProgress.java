package org.align4j.core.train.metrics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** {@link ProgressDisplay} as a terminal progress bar (me.tongfei:progressbar) with ETA. */
final class BarProgress implements ProgressDisplay {
    private final ProgressBar bar;
    private final PrintStream out;

    BarProgress(String task, long startStep, long total, PrintStream out) {
        this.out = out;
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .startsFrom(startStep, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public void step(long step) {
        bar.stepTo(step);
    }

    @Override
    public void log(long step, Map<String, Double> metrics) {
        bar.setExtraMessage(ProgressDisplay.format(metrics));
        bar.stepTo(step);
    }

    @Override
    public void message(String text) {
        // Printed on a line of its own above the bar, which is redrawn on the next refresh.
        out.print("\r\033[2K");
        out.println(text);
        bar.refresh();
    }

    @Override
    public void close() {
        bar.close();
    }
}
