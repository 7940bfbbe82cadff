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

/**
 * Preference pairs tokenised with a chat template and fitted into {@code maxLength} tokens (prompt
 * tokens removed first; an answer is cut only when it alone does not fit, and that is counted).
 *
 * @param name what the pairs are ("train", "eval"), used in messages and cache keys
 * @param pairs the pairs, in order
 * @param tokens their tokenised form, same order
 * @param promptTokensRemoved prompt tokens cut to fit, over all pairs
 * @param responseTokensRemoved answer tokens cut to fit, over all pairs
 */
public record EncodedPairs(String name, List<PreferencePair> pairs, List<TokenizedPair> tokens,
        long promptTokensRemoved, long responseTokensRemoved) {

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
        long promptCut = 0;
        long responseCut = 0;
        for (PreferencePair p : pairs) {
            Truncation.FittedPair fitted = encoder.fit(encoder.encode(p), maxLength);
            if (fitted.pair().chosen().trainedTokens() == 0 || fitted.pair().rejected().trainedTokens() == 0) {
                throw new IllegalArgumentException(name + " pair " + (p.id() == null ? "#" + (out.size() + 1) : p.id())
                        + " has no answer token left within max_length " + maxLength + "; raise max_length");
            }
            out.add(fitted.pair());
            promptCut += fitted.promptTokensRemoved();
            responseCut += fitted.responseTokensRemoved();
        }
        return new EncodedPairs(name, pairs, out, promptCut, responseCut);
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

    /** A one-line report of truncation, or null when nothing was cut. */
    public String truncationNote() {
        if (promptTokensRemoved == 0 && responseTokensRemoved == 0) {
            return null;
        }
        return name + ": " + promptTokensRemoved + " prompt tokens and " + responseTokensRemoved
                + " answer tokens cut to fit max_length" + (responseTokensRemoved > 0
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
