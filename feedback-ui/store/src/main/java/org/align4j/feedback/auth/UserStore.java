package org.align4j.feedback.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.time.Instant;
import org.align4j.feedback.db.ConflictException;
import org.align4j.feedback.db.NotFoundException;
import org.align4j.feedback.db.Tx;
import org.align4j.feedback.db.Sql;

/** Accounts: created by an admin (command line or admin page), checked at login, disabled rather than deleted. */
public record UserStore(Sql sql, PasswordHashing hasher, Clock clock) {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final String COLUMNS = "id, username, display_name, role";

    /**
     * Creates an account. The user name is 2-64 characters of {@code a-z 0-9 . _ -}; the password
     * follows {@link PasswordHashing#checkPolicy}.
     *
     * @throws ConflictException when the user name is taken
     */
    public User add(String username, String displayName, char[] password, Role role) {
        String name = User.canonicalName(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + username
                    + "' is not allowed: use 2-64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        if (role != Role.DOCTOR && role != Role.ADMIN) {
            throw new IllegalArgumentException("role is " + role + ": use doctor or admin");
        }
        hasher.checkPolicy(password);
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (display.length() > 200) {
            throw new IllegalArgumentException("display name has " + display.length() + " characters: at most 200");
        }
        String hash = hasher.hash(new String(password));
        try {
            long id = sql.inTransaction(tx -> tx.insert(
                    "INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)",
                    name, display, hash, role.dbName(), clock.instant()));
            return new User(id, name, display, role);
        } catch (ConflictException e) {
            throw new ConflictException("user '" + name + "' already exists: choose another user name");
        }
    }

    /** The active account with this name and password, or empty; takes as long for an unknown name. */
    public Optional<User> authenticate(String username, String password) {
        if (username == null || password == null) {
            hasher.verifyDummy(password == null ? "" : password); // a refusal costs a check, whatever the input
            return Optional.empty();
        }
        String name = User.canonicalName(username);
        Optional<String[]> row = sql.read(tx -> tx.one(
                "SELECT " + COLUMNS + ", password_hash FROM users WHERE username = ? AND active",
                rs -> new String[] {rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                        rs.getString("role"), rs.getString("password_hash")},
                name));
        if (row.isEmpty()) {
            hasher.verifyDummy(password);
            return Optional.empty();
        }
        String[] r = row.get();
        if (!hasher.verify(password, r[4])) {
            return Optional.empty();
        }
        return Optional.of(new User(Long.parseLong(r[0]), r[1], r[2], Role.ofAccount(r[3])));
    }

    /** An account as the admin page shows it. */
    public record Account(User user, boolean active, Instant createdAt) {}

    /** Every account, active or not, oldest first. */
    public List<Account> accounts() {
        return sql.read(tx -> tx.list("SELECT " + COLUMNS + ", active, created_at FROM users ORDER BY id",
                rs -> new Account(new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.ofAccount(rs.getString("role"))), rs.getBoolean("active"), Tx.instant(rs, "created_at"))));
    }

    /**
     * Sets a new password (the hasher's {@link PasswordHashing#checkPolicy} applies). The caller ends
     * the account's sessions.
     *
     * @throws NotFoundException when there is no such account
     */
    public User setPassword(String username, char[] password) {
        User user = find(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        hasher.checkPolicy(password);
        String hash = hasher.hash(new String(password));
        sql.inTransaction(tx -> tx.update("UPDATE users SET password_hash = ? WHERE id = ?", hash, user.id()));
        return user;
    }

    /**
     * Enables or disables an account. A disabled account cannot log in and its sessions stop
     * working (the caller also ends them at once).
     *
     * @throws NotFoundException when there is no such account
     */
    public User setActive(String username, boolean active) {
        User user = find(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        sql.inTransaction(tx -> tx.update("UPDATE users SET active = ? WHERE id = ?", active, user.id()));
        return user;
    }

    public Optional<User> find(String username) {
        return sql.read(tx -> tx.one("SELECT " + COLUMNS + " FROM users WHERE username = ?",
                rs -> new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.ofAccount(rs.getString("role"))),
                User.canonicalName(username)));
    }

    public List<User> list() {
        return sql.read(tx -> tx.list("SELECT " + COLUMNS + " FROM users ORDER BY id",
                rs -> new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.ofAccount(rs.getString("role")))));
    }
}
