package org.align4j.core.train.metrics;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes scalars as a TensorBoard event file ({@code events.out.tfevents.TIME.HOST}) that
 * {@code tensorboard --logdir} reads: TFRecord-framed {@code Event} protos, the first carrying
 * {@code file_version = "brain.Event:2"}, the rest a {@code Summary} with one
 * {@code Value{tag, simple_value}} each.
 */
public final class TensorBoardWriter implements AutoCloseable {
    // tensorflow/core/util/event.proto and summary.proto field numbers
    private static final int EVENT_WALL_TIME = 1;
    private static final int EVENT_STEP = 2;
    private static final int EVENT_FILE_VERSION = 3;
    private static final int EVENT_SUMMARY = 5;
    private static final int EVENT_SESSION_LOG = 6;
    private static final int SESSION_LOG_STATUS = 1;
    private static final int SESSION_LOG_START = 1;
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1;
    private static final int VALUE_SIMPLE_VALUE = 2;

    private final Path file;
    private final OutputStream out;

    private TensorBoardWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Creates a new event file in {@code logDir} (created if needed). */
    public static TensorBoardWriter create(Path logDir) {
        try {
            Files.createDirectories(logDir);
            double now = System.currentTimeMillis() / 1000.0;
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
            Path file = logDir.resolve("events.out.tfevents." + (long) now + "." + host);
            for (int i = 1; Files.exists(file); i++) {
                file = logDir.resolve("events.out.tfevents." + (long) now + "." + host + "." + i);
            }
            TensorBoardWriter w = new TensorBoardWriter(file, new BufferedOutputStream(Files.newOutputStream(file)));
            w.record(new TfRecords.Proto().fixed64(EVENT_WALL_TIME, now)
                    .bytes(EVENT_FILE_VERSION, "brain.Event:2".getBytes(StandardCharsets.UTF_8)).toBytes());
            w.flush();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a TensorBoard event file in " + logDir + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one scalar point. */
    public void scalar(String tag, long step, double value) {
        byte[] v = new TfRecords.Proto().bytes(VALUE_TAG, tag.getBytes(StandardCharsets.UTF_8))
                .fixed32(VALUE_SIMPLE_VALUE, (float) value).toBytes();
        byte[] summary = new TfRecords.Proto().bytes(SUMMARY_VALUE, v).toBytes();
        record(new TfRecords.Proto().fixed64(EVENT_WALL_TIME, System.currentTimeMillis() / 1000.0)
                .varint(EVENT_STEP, step).bytes(EVENT_SUMMARY, summary).toBytes());
    }

    /**
     * Marks a resumed session starting at {@code step}: TensorBoard then drops the points at or after
     * {@code step} that an interrupted session wrote past its last checkpoint ({@code SessionLog START}).
     */
    public void sessionStart(long step) {
        byte[] log = new TfRecords.Proto().varint(SESSION_LOG_STATUS, SESSION_LOG_START).toBytes();
        record(new TfRecords.Proto().fixed64(EVENT_WALL_TIME, System.currentTimeMillis() / 1000.0)
                .varint(EVENT_STEP, step).bytes(EVENT_SESSION_LOG, log).toBytes());
        flush();
    }

    private void record(byte[] event) {
        MetricFiles.io(file, "write", () -> TfRecords.write(out, event));
    }

    public void flush() {
        MetricFiles.io(file, "write", out::flush);
    }

    @Override
    public void close() {
        MetricFiles.io(file, "close", out::close);
    }
}
