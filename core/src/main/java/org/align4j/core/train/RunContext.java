package org.align4j.core.train;

import java.nio.file.Path;
import org.align4j.core.train.metrics.MetricsJsonl;
import org.align4j.core.train.metrics.ProgressDisplay;

/**
 * What a {@link RunStage} may use of its session.
 *
 * @param root the run directory
 * @param resumedAt the step the session resumed at, or -1 for a fresh run
 * @param progress the progress display (messages between progress lines)
 * @param logs opens further JSONL logs in the run directory, closed with the session
 */
public record RunContext(Path root, long resumedAt, ProgressDisplay progress, LogOpener logs) {

    /** Opens {@code name} in the run directory; on resume, lines of steps after the resumed one are dropped. */
    public MetricsJsonl openLog(String name) {
        return logs.open(name);
    }

    /** Opens a JSONL log of the session. */
    @FunctionalInterface
    public interface LogOpener {
        MetricsJsonl open(String name);
    }
}
