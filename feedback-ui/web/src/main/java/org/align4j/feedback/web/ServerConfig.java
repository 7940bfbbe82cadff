package org.align4j.feedback.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the feedback server listens and what it trusts.
 *
 * @param host the interface to bind ({@code 127.0.0.1} by default: put a TLS reverse proxy in front to expose it)
 * @param port the TCP port; 0 picks a free one
 * @param secureCookies mark cookies {@code Secure} (on when served over HTTPS, e.g. behind the proxy)
 * @param publicOrigin the origin browsers see, e.g. {@code https://feedback.example.org}, when a reverse
 *     proxy in front rewrites the Host header; POSTs whose Origin is this origin pass the same-origin
 *     check. Normalised to {@code scheme://host[:port]} (no default port, lower case). Empty: none.
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} (the client's address,
 *     for the per-address login limit) and {@code X-Forwarded-Host} (the host browsers use) are
 *     believed. Empty: the headers are ignored, whoever sends them.
 */
public record ServerConfig(String host, int port, boolean secureCookies, Optional<String> publicOrigin, Set<String> trustedProxies) {
    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty: give an interface address such as 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port is " + port + ": allowed 0..65535 (0 picks a free port)");
        }
        publicOrigin = publicOrigin == null ? Optional.empty() : publicOrigin.map(ServerConfig::normaliseOrigin);
        trustedProxies = trustedProxies == null ? Set.of() : Set.copyOf(trustedProxies);
        for (String p : trustedProxies) {
            if (p.isBlank() || p.contains("/") || p.contains(",")) {
                throw new IllegalArgumentException("trusted proxy '" + p + "' is not an address: give one IP address per --trusted-proxy");
            }
        }
    }

    /** No public origin, no trusted proxy. */
    public ServerConfig(String host, int port, boolean secureCookies) {
        this(host, port, secureCookies, Optional.empty(), Set.of());
    }

    /** Loopback on a free port, plain-HTTP cookies: what tests and the benchmark use. */
    public static ServerConfig loopback() {
        return new ServerConfig("127.0.0.1", 0, false);
    }

    /** This config with a public origin (see the record's description). */
    public ServerConfig withPublicOrigin(String origin) {
        return new ServerConfig(host, port, secureCookies, Optional.of(origin), trustedProxies);
    }

    /** This config trusting the forwarding headers of these proxy addresses. */
    public ServerConfig withTrustedProxies(Set<String> proxies) {
        return new ServerConfig(host, port, secureCookies, publicOrigin, proxies);
    }

    /**
     * {@code scheme://host[:port]} in lower case, without the scheme's default port.
     *
     * @throws IllegalArgumentException naming what is wrong, for anything that is not an http(s) origin
     */
    public static String normaliseOrigin(String origin) {
        String hint = ": give the address browsers use, such as https://feedback.example.org (scheme, host and port only)";
        URI u;
        try {
            u = new URI(origin == null ? "" : origin.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("public origin '" + origin + "' is not a URL" + hint, e);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("public origin '" + origin + "' must start with https:// or http://" + hint);
        }
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null
                || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("public origin '" + origin + "' has more than a scheme, host and port" + hint);
        }
        int port = u.getPort();
        boolean defaultPort = port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
