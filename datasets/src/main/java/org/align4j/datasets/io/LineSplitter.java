package org.align4j.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} (dropping a trailing {@code \r}) and decodes each as strict
 * UTF-8, so that one badly encoded line is reported by number and the lines after it are still read.
 */
final class LineSplitter {
    /** One line: its 1-based number and text, or the byte offset of its first invalid UTF-8 byte. */
    record Line(long number, String text, int invalidUtf8At) {}

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] buf = new byte[8192];
    private long number;
    private boolean eof;

    LineSplitter(InputStream in) {
        this.in = in;
    }

    /** The next line, or {@code null} at the end of the stream. */
    Line next() throws IOException {
        int len = 0;
        while (true) {
            if (pos == limit) {
                if (eof) {
                    break;
                }
                limit = in.read(chunk, 0, chunk.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    break;
                }
            }
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
            System.arraycopy(chunk, start, buf, len, n);
            len += n;
            if (pos < limit) {
                pos++; // the '\n'
                return line(len);
            }
        }
        return len == 0 ? null : line(len);
    }

    private Line line(int len) {
        number++;
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
        return decode(len);
    }

    private Line decode(int len) {
        ByteBuffer bytes = ByteBuffer.wrap(buf, 0, len);
        CharBuffer chars = CharBuffer.allocate(len);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (r.isError()) {
            return new Line(number, null, bytes.position());
        }
        r = decoder.flush(chars);
        if (r.isError()) {
            return new Line(number, null, bytes.position());
        }
        chars.flip();
        return new Line(number, chars.toString(), -1);
    }

}
