package org.align4j.feedback.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The password of a server database, from the environment, never from the command line: a
 * {@code --db} URL is visible to every user of the machine (ps, shell history), so a URL carrying
 * {@code password=} is refused. {@code ALIGN_DB_PASSWORD} holds the password, or
 * {@code ALIGN_DB_PASSWORD_FILE} names a file holding it (a trailing newline is dropped); without
 * either, the driver's own sources apply (PostgreSQL: {@code ~/.pgpass}). The user name goes in
 * the URL ({@code ?user=align}) or {@code ALIGN_DB_USER}; TLS options too ({@code sslmode=verify-full},
 * {@code sslrootcert=...}).
 */
public record DbCredentials(Optional<String> user, Optional<String> password) {
    public static final String PASSWORD = "ALIGN_DB_PASSWORD";
    public static final String PASSWORD_FILE = "ALIGN_DB_PASSWORD_FILE";
    public static final String USER = "ALIGN_DB_USER";

    /** The credentials for {@code url} from {@code env}; H2 URLs take none. */
    public static DbCredentials of(String url, Map<String, String> env) {
        if (url.toLowerCase(Locale.ROOT).matches("(?s).*[?&;]password=.*")) {
            throw new IllegalArgumentException("the database URL contains a password: remove password=... and set the"
                    + " environment variable " + PASSWORD + " (or " + PASSWORD_FILE + " naming a file that holds it)");
        }
        if (url.startsWith("jdbc:h2:")) {
            return new DbCredentials(Optional.empty(), Optional.empty());
        }
        Optional<String> user = nonBlank(env.get(USER));
        Optional<String> password = nonBlank(env.get(PASSWORD));
        Optional<String> file = nonBlank(env.get(PASSWORD_FILE));
        if (password.isPresent() && file.isPresent()) {
            throw new IllegalArgumentException("both " + PASSWORD + " and " + PASSWORD_FILE + " are set: keep one");
        }
        if (file.isPresent()) {
            Path f = Path.of(file.get());
            try {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                password = Optional.of(text.endsWith("\n") ? text.substring(0, text.length() - 1).replaceAll("\r$", "") : text);
            } catch (IOException e) {
                throw new IllegalArgumentException(PASSWORD_FILE + "=" + f + " cannot be read: " + e.getMessage(), e);
            }
        }
        return new DbCredentials(user, password);
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
