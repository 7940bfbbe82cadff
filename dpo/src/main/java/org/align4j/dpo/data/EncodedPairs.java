package org.align4j.dpo.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.collate.TokenizedPair;
import org.align4j.datasets.collate.TokenizedSequence;
import org.align4j.datasets.collate.Truncation;
import org.align4j.datasets.collate.TruncationTally;

/**
 * Preference pairs tokenised with a chat template and fitted into {@code maxLength} tokens (prompt
 * tokens removed first; an answer is cut only when it alone does not fit, and that is counted).
 *
 * @param name what the pairs are ("train", "eval"), used in messages and cache keys
 * @param pairs the pairs, in order
 * @param tokens their tokenised form, same order
 * @param truncation what align4j's truncation did to fit the pairs into {@code maxLength} (the one way every stage
 *     counts it: "N examples truncated, M dropped")
 * @param maxLength the length the pairs were fitted into
 */
public record EncodedPairs(String name, List<PreferencePair> pairs, List<TokenizedPair> tokens,
        TruncationTally truncation, int maxLength) {

    public EncodedPairs {
        pairs = List.copyOf(pairs);
        tokens = List.copyOf(tokens);
        if (pairs.size() != tokens.size()) {
            throw new IllegalArgumentException(pairs.size() + " pairs but " + tokens.size() + " tokenised pairs");
        }
    }

    /** Tokenises {@code pairs} with {@code encoder}, fitting each into {@code maxLength} tokens. */
    public static EncodedPairs encode(String name, List<PreferencePair> pairs, SequenceEncoder encoder, int maxLength) {
        List<TokenizedPair> out = new ArrayList<>(pairs.size());
        TruncationTally tally = new TruncationTally();
        for (PreferencePair p : pairs) {
            Truncation.FittedPair fitted = encoder.fit(encoder.encode(p), maxLength);
            if (fitted.pair().chosen().trainedTokens() == 0 || fitted.pair().rejected().trainedTokens() == 0) {
                throw new IllegalArgumentException(name + " pair " + (p.id() == null ? "#" + (out.size() + 1) : p.id())
                        + " has no answer token left within max_length " + maxLength + "; raise max_length");
            }
            out.add(fitted.pair());
            tally.add(fitted, false);
        }
        return new EncodedPairs(name, pairs, out, tally, maxLength);
    }

    public int size() {
        return pairs.size();
    }

    /** Whether there are no pairs. */
    public boolean empty() {
        return pairs.isEmpty();
    }

    /** The tokenised pairs at {@code indices}. */
    public List<TokenizedPair> select(int[] indices) {
        List<TokenizedPair> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(tokens.get(i));
        }
        return out;
    }

    /**
     * A one-line report of truncation ("train: 3 examples truncated, 0 dropped (of 200) at max_length 256; ..."), or
     * null when nothing was cut.
     */
    public String truncationNote() {
        if (truncation.truncated() == 0 && truncation.dropped() == 0) {
            return null;
        }
        return truncation.describe(name, maxLength) + (truncation.responseTokens() > 0
                ? " (answers lost their endings: raise max_length)" : "");
    }

    /** Feeds the token ids and loss masks, in order, into {@code digest}: what a cached log-prob depends on. */
    public void digest(MessageDigest digest) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        for (TokenizedPair p : tokens) {
            digestSequence(digest, p.chosen());
            digestSequence(digest, p.rejected());
        }
    }

    private static void digestSequence(MessageDigest d, TokenizedSequence s) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 5 * s.length());
        b.putInt(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.putInt(s.ids()[i]);
            b.put((byte) (s.lossMask()[i] ? 1 : 0));
        }
        d.update(b.array());
    }

    /** A SHA-256 digest instance (always available on the JVM). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
