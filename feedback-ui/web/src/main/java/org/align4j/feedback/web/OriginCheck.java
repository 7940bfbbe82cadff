package org.align4j.feedback.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The same-origin rule for state-changing requests (login included): a browser's {@code Origin},
 * when it sends one, must be this server as the browser sees it. That is
 * <ul>
 *   <li>the configured public origin ({@code --public-origin}), for a reverse proxy that rewrites Host;</li>
 *   <li>or an Origin whose host (and port, if any) is the request's {@code Host} — or, from a trusted
 *       proxy, its {@code X-Forwarded-Host} (a proxy that keeps or forwards the host needs no setting).</li>
 * </ul>
 * A request marked {@code Sec-Fetch-Site: cross-site} is refused whatever its Origin.
 */
final class OriginCheck {
    private final Optional<String> publicOrigin;
    private final Set<String> trustedProxies;

    OriginCheck(ServerConfig config) {
        this.publicOrigin = config.publicOrigin();
        this.trustedProxies = config.trustedProxies();
    }

    void check(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if ("cross-site".equals(site)) {
            throw new ForbiddenResponse("cross-site request refused");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String normalised;
        try {
            normalised = ServerConfig.normaliseOrigin(origin);
        } catch (IllegalArgumentException e) {
            throw new ForbiddenResponse("malformed Origin header");
        }
        if (publicOrigin.isPresent() && publicOrigin.get().equals(normalised)) {
            return;
        }
        String forwardedHost = trusted(ctx) ? first(ctx.header("X-Forwarded-Host")) : null;
        String host = forwardedHost != null ? forwardedHost : ctx.header("Host");
        if (host != null && host.equalsIgnoreCase(hostAndPort(origin))) {
            return;
        }
        throw new ForbiddenResponse("cross-origin request refused (Origin " + origin + ", Host " + ctx.header("Host")
                + "): behind a reverse proxy that rewrites the Host header, start the app with --public-origin "
                + (publicOrigin.isPresent() ? "(now " + publicOrigin.get() + ")" : "https://your.public.host"));
    }

    /**
     * The client's address: the peer's, or, when the peer is a trusted proxy, the last address in
     * {@code X-Forwarded-For} that is not itself a trusted proxy.
     */
    String clientAddress(Context ctx) {
        return clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), trustedProxies);
    }

    static String clientAddress(String peer, String forwarded, Set<String> trustedProxies) {
        if (!trustedProxies.contains(peer) || forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean trusted(Context ctx) {
        return trustedProxies.contains(ctx.req().getRemoteAddr());
    }

    /** The Origin's host and, when it names one, port: what a browser sends as Host to that origin. */
    private static String hostAndPort(String origin) {
        URI u = URI.create(origin.strip());
        return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    }

    private static String first(String header) {
        if (header == null) {
            return null;
        }
        String v = header.split(",")[0].strip();
        return v.isEmpty() ? null : v;
    }
}
