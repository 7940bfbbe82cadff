package org.align4j.cli.train;

import java.nio.file.Path;

/** How {@code align ppo} and {@code align grpo} end: where the time went, where the policy is, the exit code. */
public final class RlRunEnd {
    private RlRunEnd() {}

    /** Prints the time split and the saved policy (when there is one); 130 after Ctrl-C, else 0. */
    public static int report(double generationSeconds, double scoringSeconds, double trainingSeconds, Path finalDir,
            boolean interrupted) {
        System.out.printf("time: generation %.1f s, scoring %.1f s, training %.1f s%n", generationSeconds,
                scoringSeconds, trainingSeconds);
        if (finalDir != null) {
            System.out.println("policy saved to " + finalDir);
        }
        return RunOptions.exitCode(interrupted);
    }
}
