package org.align4j.core.train.metrics;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard event files: each record is
 * {@code uint64 length, uint32 masked_crc32c(length), data, uint32 masked_crc32c(data)}, little-endian,
 * where {@code masked(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8}.
 */
public final class TfRecords {
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {}

    /** The masked CRC-32C of {@code data[off, off+len)}. */
    public static int maskedCrc(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Writes one record. */
    public static void write(OutputStream out, byte[] data) throws IOException {
        byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put(len).putInt(maskedCrc(len, 0, 8));
        out.write(head.array());
        out.write(data);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maskedCrc(data, 0, data.length)).array());
    }

    /** Reads every record, checking both checksums of each. */
    public static List<byte[]> readAll(InputStream in) throws IOException {
        List<byte[]> out = new ArrayList<>();
        byte[] head = new byte[12];
        while (true) {
            int n = in.readNBytes(head, 0, 12);
            if (n == 0) {
                return out;
            }
            if (n < 12) {
                throw new EOFException("truncated record header after " + out.size() + " records");
            }
            ByteBuffer hb = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            long len = hb.getLong();
            int lenCrc = hb.getInt();
            if (lenCrc != maskedCrc(head, 0, 8)) {
                throw new IOException("record " + out.size() + ": length checksum mismatch");
            }
            byte[] data = in.readNBytes(Math.toIntExact(len));
            byte[] crc = in.readNBytes(4);
            if (data.length != len || crc.length != 4) {
                throw new EOFException("record " + out.size() + " is truncated");
            }
            if (ByteBuffer.wrap(crc).order(ByteOrder.LITTLE_ENDIAN).getInt() != maskedCrc(data, 0, data.length)) {
                throw new IOException("record " + out.size() + ": data checksum mismatch");
            }
            out.add(data);
        }
    }

    /** Minimal protobuf wire-format writer for the few fields of TensorBoard's Event and Summary. */
    static final class Proto {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            tag(field, 0);
            writeVarint(value);
            return this;
        }

        Proto fixed64(int field, double value) {
            tag(field, 1);
            long bits = Double.doubleToLongBits(value);
            for (int i = 0; i < 8; i++) {
                buf.write((int) (bits >>> (8 * i)) & 0xff);
            }
            return this;
        }

        Proto fixed32(int field, float value) {
            tag(field, 5);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                buf.write((bits >>> (8 * i)) & 0xff);
            }
            return this;
        }

        Proto bytes(int field, byte[] value) {
            tag(field, 2);
            writeVarint(value.length);
            buf.write(value, 0, value.length);
            return this;
        }

        byte[] toBytes() {
            return buf.toByteArray();
        }

        private void tag(int field, int wireType) {
            writeVarint(((long) field << 3) | wireType);
        }

        private void writeVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                buf.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            buf.write((int) v);
        }
    }
}
