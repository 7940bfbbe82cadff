package org.align4j.datasets.validate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the first line of each distinct row by a 64-bit digest of its content, so duplicates in a
 * million-row file are found without keeping the rows (a false match needs a SHA-256 prefix collision).
 */
final class DuplicateIndex {
    private final Map<Long, Long> firstLine = new HashMap<>();
    private final MessageDigest sha;

    DuplicateIndex() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The line an identical row was first seen on, or -1 (and the row is remembered). */
    long firstSeen(String key, long line) {
        byte[] d = sha.digest(key.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xFF);
        }
        Long previous = firstLine.putIfAbsent(h, line);
        return previous == null ? -1 : previous;
    }
}
