package org.align4j.feedback.web;

/**
 * How the feedback server listens.
 *
 * @param host the interface to bind ({@code 127.0.0.1} by default: put a TLS reverse proxy in front to expose it)
 * @param port the TCP port; 0 picks a free one
 * @param secureCookies mark cookies {@code Secure} (on when served over HTTPS, e.g. behind the proxy)
 */
public record ServerConfig(String host, int port, boolean secureCookies) {
    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty: give an interface address such as 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port is " + port + ": allowed 0..65535 (0 picks a free port)");
        }
    }

    /** Loopback on a free port, plain-HTTP cookies: what tests and the benchmark use. */
    public static ServerConfig loopback() {
        return new ServerConfig("127.0.0.1", 0, false);
    }
}
