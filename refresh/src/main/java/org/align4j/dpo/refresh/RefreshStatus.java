package org.align4j.dpo.refresh;

/**
 * How a refresh run ended, with its process exit code (documented in the README). Errors (bad
 * configuration, a failed training) end with exit code 1 through the CLI's error handler, after the
 * run is recorded as failed.
 */
public enum RefreshStatus {
    /** A candidate passed the gate and is now production (database and on-disk pointer). */
    PROMOTED(0),
    /** Too few new pairs (or held-out pairs): nothing was trained. */
    NOTHING_TO_DO(0),
    /** The candidate did not pass the gate: production is unchanged; its pairs are offered again next run. */
    GATE_FAILED(3),
    /** Another run holds the job's lock: this one did nothing. */
    LOCKED(4);

    /** The exit code of a run that failed with an error. */
    public static final int ERROR_EXIT_CODE = 1;

    private final int exitCode;

    RefreshStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
