package org.align4j.feedback.bench;

/**
 * A rating load test.
 *
 * @param doctors accounts that rate (each rates each answer at most once)
 * @param answers answers in the queue; must cover what the clients can rate in the run
 * @param clients concurrent clients, each a closed loop: post a rating, wait for the answer, post the next
 * @param warmupSeconds seconds of load before measuring (the JIT warms up); their ratings are still verified
 * @param seconds seconds of measured load
 */
public record BenchConfig(int doctors, int answers, int clients, double warmupSeconds, double seconds) {
    public BenchConfig {
        if (doctors < 1) {
            throw new IllegalArgumentException("doctors is " + doctors + ": need at least 1");
        }
        if (clients < 1 || clients % doctors != 0 && doctors % clients != 0) {
            throw new IllegalArgumentException("clients is " + clients + " with " + doctors
                    + " doctors: give at least 1 client, and a multiple or a divisor of the number of doctors");
        }
        if (answers < 10) {
            throw new IllegalArgumentException("answers is " + answers + ": need at least 10");
        }
        if (warmupSeconds < 0 || seconds <= 0) {
            throw new IllegalArgumentException("warm-up " + warmupSeconds + " s and duration " + seconds
                    + " s: the warm-up must be >= 0 and the duration > 0");
        }
    }
}
