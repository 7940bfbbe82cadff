package org.align4j.core.train.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardWriterTest {
    @TempDir Path tmp;

    /** A protobuf field as read back: number, wire type and value (Long, byte[] or raw bits). */
    record Field(int number, int wire, Object value) {}

    static List<Field> parse(byte[] msg) {
        List<Field> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            long tag = varint(b);
            int wire = (int) (tag & 7);
            int num = (int) (tag >>> 3);
            Object v = switch (wire) {
                case 0 -> varint(b);
                case 1 -> b.getLong();
                case 2 -> {
                    byte[] d = new byte[(int) varint(b)];
                    b.get(d);
                    yield d;
                }
                case 5 -> b.getInt();
                default -> throw new IllegalStateException("wire type " + wire);
            };
            out.add(new Field(num, wire, v));
        }
        return out;
    }

    static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get() & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return v;
            }
        }
    }

    @Test
    void eventFileStartsWithTheVersionRecordAndHoldsScalarsWithValidChecksums() throws Exception {
        Path file;
        try (TensorBoardWriter w = TensorBoardWriter.create(tmp)) {
            w.scalar("train/loss", 10, 2.5);
            w.scalar("eval/loss", 20, 1.25);
            file = w.file();
        }
        assertThat(file.getFileName().toString()).startsWith("events.out.tfevents.");
        List<byte[]> records;
        try (InputStream in = Files.newInputStream(file)) {
            records = TfRecords.readAll(in);
        }
        assertThat(records).hasSize(3);
        List<Field> first = parse(records.get(0));
        assertThat(first.get(0).number()).isEqualTo(1); // wall_time, a double
        assertThat(first.get(0).wire()).isEqualTo(1);
        assertThat(new String((byte[]) first.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("brain.Event:2");

        Map<String, Object> points = new LinkedHashMap<>();
        for (byte[] r : records.subList(1, 3)) {
            List<Field> event = parse(r);
            long step = (Long) event.get(1).value();
            List<Field> summary = parse((byte[]) event.get(2).value());
            assertThat(event.get(2).number()).isEqualTo(5);
            List<Field> value = parse((byte[]) summary.get(0).value());
            String tag = new String((byte[]) value.get(0).value(), StandardCharsets.UTF_8);
            float v = Float.intBitsToFloat((Integer) value.get(1).value());
            assertThat(value.get(1).number()).isEqualTo(2); // simple_value
            points.put(tag + "@" + step, v);
        }
        assertThat(points).containsExactly(Map.entry("train/loss@10", 2.5f), Map.entry("eval/loss@20", 1.25f));
    }

    @Test
    void aResumedSessionIsMarkedWithASessionLogStartAtItsFirstStep() throws Exception {
        Path file;
        try (TensorBoardWriter w = TensorBoardWriter.create(tmp)) {
            w.sessionStart(5);
            file = w.file();
        }
        List<byte[]> records;
        try (InputStream in = Files.newInputStream(file)) {
            records = TfRecords.readAll(in);
        }
        List<Field> event = parse(records.get(1));
        assertThat(event.get(1).value()).isEqualTo(5L);
        assertThat(event.get(2).number()).isEqualTo(6); // session_log
        assertThat(parse((byte[]) event.get(2).value()).get(0).value()).isEqualTo(1L); // status START
    }

    @Test
    void maskedCrcMatchesTheKnownCrc32cOfAStandardVector() {
        // CRC-32C("123456789") = 0xE3069283 (RFC 3720); masked = rotr15 + 0xa282ead8
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        int crc = 0xE3069283;
        int expected = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
        assertThat(TfRecords.maskedCrc(data, 0, data.length)).isEqualTo(expected);
    }

    @Test
    void aCorruptedRecordIsDetected() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TfRecords.write(out, new byte[] {1, 2, 3});
        byte[] bytes = out.toByteArray();
        bytes[13] ^= 1; // a data byte
        assertThatThrownBy(() -> TfRecords.readAll(new ByteArrayInputStream(bytes)))
                .hasMessageContaining("data checksum mismatch");
    }
}
