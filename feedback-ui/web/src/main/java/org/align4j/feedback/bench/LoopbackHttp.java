package org.align4j.feedback.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection, for the load generator only.
 *
 * <p>Why not {@code java.net.http.HttpClient}: client and server share the machine's two cores,
 * and the JDK client's asynchronous machinery spends several times the CPU of the request it
 * sends, which would be measured as server latency. This client writes one request and reads one
 * response (status line, headers, {@code Content-Length} body); it supports nothing else and is
 * not used outside the benchmark.
 */
final class LoopbackHttp implements AutoCloseable {
    /** A response: status code, body, and the Set-Cookie value of the session cookie if any. */
    record Response(int status, String body, String sessionCookie) {}

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String hostHeader;

    LoopbackHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        hostHeader = "127.0.0.1:" + port;
    }

    Response send(String method, String path, String cookie, String csrf, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader).append("\r\n");
        if (cookie != null) {
            req.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (csrf != null) {
            req.append("X-CSRF-Token: ").append(csrf).append("\r\n");
        }
        if (jsonBody != null) {
            req.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        req.append("\r\n");
        byte[] head = req.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        out.write(all);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        String session = null;
        for (String h; !(h = line()).isEmpty(); ) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("set-cookie") && value.startsWith("align_session=")) {
                session = value.substring(0, value.indexOf(';') < 0 ? value.length() : value.indexOf(';'));
            } else if (name.equals("transfer-encoding")) {
                throw new IOException("chunked responses are not supported by the load generator");
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        return new Response(code, new String(in.readNBytes(length), StandardCharsets.UTF_8), session);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
