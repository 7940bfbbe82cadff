package org.align4j.feedback.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a rating load test measured (the measured window only; the warm-up is left out of the
 * rates and percentiles, not out of the durability check nor the sizes).
 *
 * @param database the kind of database: {@code h2} or {@code postgresql}
 * @param ratingsPerSecond acknowledged ratings (HTTP 201) per second of measured load
 * @param requests requests sent in the measured window
 * @param errors requests in the measured window that did not get a 201
 * @param p50Ms median latency, milliseconds
 * @param p90Ms 90th percentile latency
 * @param p99Ms 99th percentile latency
 * @param maxMs the slowest request
 * @param acknowledged ratings acknowledged over the whole run, warm-up included
 * @param presentAfterRestart acknowledged ratings found after the server stopped and the database was reopened
 * @param missing acknowledged ratings not found (must be 0)
 * @param clients concurrent clients
 * @param doctors doctor accounts
 * @param measuredSeconds length of the measured window
 * @param cpuMsPerRating CPU time of this whole JVM (clients and server) per acknowledged rating in the
 *     measured window: unlike the rate, it does not depend on what else the machine is running
 * @param size what the database takes on disk, and per 1,000 acknowledged ratings
 */
public record BenchResult(
        String database,
        @JsonProperty("ratings_per_second") double ratingsPerSecond,
        long requests,
        long errors,
        @JsonProperty("latency_p50_ms") double p50Ms,
        @JsonProperty("latency_p90_ms") double p90Ms,
        @JsonProperty("latency_p99_ms") double p99Ms,
        @JsonProperty("latency_max_ms") double maxMs,
        long acknowledged,
        @JsonProperty("present_after_restart") long presentAfterRestart,
        long missing,
        int clients,
        int doctors,
        @JsonProperty("measured_seconds") double measuredSeconds,
        @JsonProperty("process_cpu_ms_per_rating") double cpuMsPerRating,
        StorageSize size) {}
