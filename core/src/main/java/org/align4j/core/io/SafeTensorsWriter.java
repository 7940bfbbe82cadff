package org.align4j.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes tensors as one safetensors file with the {@code {"format": "pt"}} metadata that Hugging Face
 * transformers requires. Floating tensors are stored as F32, F16 or BF16 (converted in Java, since the
 * PyTorch engine cannot hold BF16); integer tensors as I64.
 */
public final class SafeTensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensorsWriter() {}

    /** Writes {@code tensors} (in iteration order) to {@code file}, floats as {@code floatType}. */
    public static void write(Path file, Map<String, NDArray> tensors, TensorDType floatType) {
        if (floatType != TensorDType.F32 && floatType != TensorDType.F16 && floatType != TensorDType.BF16) {
            throw new IllegalArgumentException("dtype " + floatType + " cannot be written; use F32, F16 or BF16");
        }
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            TensorDType t = storedType(a, floatType);
            long len = a.size() * t.bytes();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", t.name());
            var shape = entry.putArray("shape");
            for (long d : a.getShape().getShape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + len);
            offset += len;
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (headerBytes.length + 7) / 8 * 8; // the data section starts 8-byte aligned
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(headerBytes);
            for (int i = headerBytes.length; i < padded; i++) {
                out.write(' ');
            }
            for (NDArray a : tensors.values()) {
                out.write(encode(a, storedType(a, floatType)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static TensorDType storedType(NDArray a, TensorDType floatType) {
        DataType d = a.getDataType();
        if (d.isFloating()) {
            return floatType;
        }
        if (d == DataType.BOOLEAN) {
            return TensorDType.BOOL;
        }
        return TensorDType.I64;
    }

    private static byte[] encode(NDArray a, TensorDType t) {
        int n = Math.toIntExact(a.size());
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(n, t.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case F32 -> buf.asFloatBuffer().put(a.toType(DataType.FLOAT32, false).toFloatArray());
            case BF16, F16 -> HalfFormat.of(t).write(a.toType(DataType.FLOAT32, false).toFloatArray(), buf);
            case I64 -> buf.asLongBuffer().put(a.toType(DataType.INT64, false).toLongArray());
            case BOOL -> {
                for (boolean b : a.toBooleanArray()) {
                    buf.put((byte) (b ? 1 : 0));
                }
            }
            default -> throw new IllegalStateException("unexpected stored type " + t);
        }
        return buf.array();
    }
}
