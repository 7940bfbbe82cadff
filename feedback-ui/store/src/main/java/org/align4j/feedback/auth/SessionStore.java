package org.align4j.feedback.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.align4j.feedback.db.Sql;
import org.align4j.feedback.db.TextHash;
import org.align4j.feedback.db.Tx;

/**
 * Server-side sessions. The browser holds a random 256-bit token; the database holds only its
 * SHA-256, with the session's CSRF token and expiry. A new token is issued at every login, so a
 * token planted before login (session fixation) is never promoted to a logged-in session.
 *
 * <p>A found session is remembered in memory for {@link #CACHE_TTL}, so that a doctor's stream of
 * ratings does not read the sessions table once per request. Logout through this store forgets it
 * at once; a change made by another process (none, with an H2 file database) is seen within the TTL.
 */
public final class SessionStore {
    /** Sessions last one working day; a doctor logs in again the next morning. */
    public static final Duration TTL = Duration.ofHours(12);

    /** How long a looked-up session is trusted from memory. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_MAX = 50_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Cached(Session session, Instant until) {}

    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private final Sql sql;
    private final Clock clock;

    public SessionStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** A new session: the raw token (for the cookie, never stored) and the session. */
    public record Issued(String token, Session session) {}

    public Issued create(User user) {
        String token = randomToken();
        String csrf = randomToken();
        Instant now = clock.instant();
        Instant expires = now.plus(TTL);
        sql.inTransaction(tx -> {
            tx.update("DELETE FROM sessions WHERE expires_at < ?", now);
            return tx.update("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    TextHash.sha256(token), user.id(), csrf, now, expires);
        });
        return new Issued(token, new Session(user, csrf, expires));
    }

    /** The live session for a cookie token; empty for unknown, expired or disabled-user tokens. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = TextHash.sha256(token);
        Cached hit = cache.get(hash);
        if (hit != null && now.isBefore(hit.until()) && now.isBefore(hit.session().expiresAt())) {
            return Optional.of(hit.session());
        }
        Optional<Session> found = sql.read(tx -> tx.one(
                "SELECT u.id, u.username, u.display_name, u.role, s.csrf_token, s.expires_at"
                        + " FROM sessions s JOIN users u ON u.id = s.user_id"
                        + " WHERE s.token_hash = ? AND s.expires_at > ? AND u.active",
                rs -> new Session(
                        new User(rs.getLong(1), rs.getString(2), rs.getString(3), Role.ofAccount(rs.getString(4))),
                        rs.getString(5), rs.getObject(6, java.time.OffsetDateTime.class).toInstant()),
                hash, now));
        if (found.isPresent()) {
            if (cache.size() >= CACHE_MAX) {
                cache.clear();
            }
            cache.put(hash, new Cached(found.get(), now.plus(CACHE_TTL)));
        } else {
            cache.remove(hash);
        }
        return found;
    }

    /** Ends a session (logout, or the old session at a new login). */
    public void delete(String token) {
        if (token != null && !token.isEmpty()) {
            String hash = TextHash.sha256(token);
            cache.remove(hash);
            sql.inTransaction(tx -> tx.update("DELETE FROM sessions WHERE token_hash = ?", hash));
        }
    }

    /** A live session as the admin page shows it (never its token or hash). */
    public record Live(String username, Instant createdAt, Instant expiresAt) {}

    /** Every live (unexpired) session of an active account, newest first. */
    public List<Live> live() {
        Instant now = clock.instant();
        return sql.read(tx -> tx.list("SELECT u.username, s.created_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id"
                        + " WHERE s.expires_at > ? AND u.active ORDER BY s.created_at DESC",
                rs -> new Live(rs.getString(1), Tx.instant(rs, "created_at"), Tx.instant(rs, "expires_at")), now));
    }

    /**
     * Ends every session of a user (password reset, account disabled), except the one with
     * {@code keepToken} (the admin's own, when resetting their own password); null keeps none.
     * Takes effect at once: the in-memory cache forgets them too.
     */
    public int endAll(long userId, String keepToken) {
        String keep = keepToken == null ? "" : TextHash.sha256(keepToken);
        cache.entrySet().removeIf(e -> e.getValue().session().user().id() == userId && !e.getKey().equals(keep));
        return sql.inTransaction(tx -> tx.update("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", userId, keep));
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
