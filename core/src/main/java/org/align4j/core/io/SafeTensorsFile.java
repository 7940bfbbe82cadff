package org.align4j.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one safetensors file tensor by tensor, through a file channel, so files over 2 GB and
 * BF16 tensors (which the PyTorch engine cannot create) load: floats are widened to float32 in Java.
 * Format: an 8-byte little-endian header length, a JSON header, then the raw little-endian data.
 */
public final class SafeTensorsFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private final Path file;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private SafeTensorsFile(Path file, long dataStart) {
        this.file = file;
        this.dataStart = dataStart;
    }

    /** Reads and validates the header of {@code file}. */
    public static SafeTensorsFile open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IllegalArgumentException(file + ": not a safetensors file (only " + size + " bytes)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new IllegalArgumentException(file + ": not a safetensors file (header length " + headerLen
                        + " does not fit a file of " + size + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            JsonNode root;
            try {
                root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": safetensors header is not valid JSON: " + e.getMessage(), e);
            }
            SafeTensorsFile st = new SafeTensorsFile(file, 8 + headerLen);
            st.parseHeader(root, size - 8 - headerLen);
            return st;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private void parseHeader(JsonNode root, long dataSize) {
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if ("__metadata__".equals(name)) {
                v.properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            String where = file + ": tensor '" + name + "'";
            if (!v.has("dtype") || !v.has("shape") || !v.has("data_offsets")) {
                throw new IllegalArgumentException(where + ": header entry needs dtype, shape and data_offsets");
            }
            TensorDType dtype = TensorDType.parse(v.get("dtype").asText(), where);
            long[] shape = new long[v.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = v.get("shape").get(i).asLong();
            }
            long begin = v.get("data_offsets").get(0).asLong();
            long end = v.get("data_offsets").get(1).asLong();
            TensorInfo info = new TensorInfo(file, name, dtype, shape, begin, end);
            if (begin < 0 || end < begin || end > dataSize || end - begin != info.elementCount() * dtype.bytes()) {
                throw new IllegalArgumentException(where + ": data_offsets [" + begin + ", " + end
                        + "] do not match shape and dtype, or lie outside the file (truncated download?)");
            }
            tensors.put(name, info);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    public Path file() {
        return file;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Loads one tensor: floating types as float32, integer types as int64, booleans as boolean. */
    public NDArray load(String name, NDManager manager) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException(file + ": no tensor named '" + name + "'");
        }
        long bytes = info.end() - info.begin();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' is over 2 GB; split the checkpoint "
                    + "into shards (align model convert writes shards)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(ch, buf, dataStart + info.begin());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read tensor '" + name + "': " + e.getMessage(), e);
        }
        buf.flip();
        return torchOwned(decode(info, buf, manager));
    }

    /**
     * A CPU array made from Java data lives in a Java direct buffer (DJL's {@code from_blob}), 16-byte aligned
     * at the allocator's whim; kernels that pick their code path by alignment can then round differently from
     * one run to the next, and Adam turns such last-bit differences into visible ones (an exact resume
     * stopped matching). A copy made by PyTorch lives in its own 64-byte-aligned memory.
     */
    private static NDArray torchOwned(NDArray a) {
        if (!a.getDevice().equals(ai.djl.Device.cpu())) {
            return a; // already copied to the device by PyTorch
        }
        NDArray owned = a.duplicate();
        a.close();
        return owned;
    }

    private NDArray decode(TensorInfo info, ByteBuffer buf, NDManager manager) {
        Shape shape = new Shape(info.shape());
        int n = (int) info.elementCount();
        return switch (info.dtype()) {
            case F32 -> {
                float[] f = new float[n];
                buf.asFloatBuffer().get(f);
                yield manager.create(f, shape);
            }
            case F64 -> {
                double[] d = new double[n];
                buf.asDoubleBuffer().get(d);
                yield manager.create(d, shape).toType(DataType.FLOAT32, false);
            }
            case BF16, F16 -> manager.create(HalfFormat.of(info.dtype()).read(buf, n), shape);
            case I64 -> {
                long[] l = new long[n];
                buf.asLongBuffer().get(l);
                yield manager.create(l, shape);
            }
            case I32 -> {
                int[] v = new int[n];
                buf.asIntBuffer().get(v);
                yield manager.create(v, shape).toType(DataType.INT64, false);
            }
            case I16, I8, U8 -> {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = switch (info.dtype()) {
                        case I16 -> buf.getShort();
                        case I8 -> buf.get();
                        default -> buf.get() & 0xFF;
                    };
                }
                yield manager.create(l, shape);
            }
            case BOOL -> {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    b[i] = buf.get() != 0;
                }
                yield manager.create(b, shape);
            }
        };
    }
}
