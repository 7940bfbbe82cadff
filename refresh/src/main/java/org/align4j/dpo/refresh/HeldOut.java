package org.align4j.dpo.refresh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.Conversations;
import org.align4j.datasets.PreferencePair;
import org.align4j.dpo.data.EncodedPairs;
import org.align4j.feedback.pairs.StoredPair;

/**
 * Which prompts the refresh job holds out: those whose key ({@link Conversations#promptKey}) hashes into
 * {@code heldout_fraction}, and those of the {@code heldout_files} pairs. Every pair and every thumb on a held-out
 * prompt is kept out of training (the pairs are evaluated on), so the gate never judges a candidate on a prompt it
 * trained on; and since the hash depends only on the prompt, a prompt stays on its side night after night and the
 * held-out set grows with the data.
 *
 * <p>Until this rule the hash was of each pair's own key (built from its two answers), which could put pairs of one
 * prompt on both sides. On a database refreshed under that rule the next run moves some existing pairs to the other
 * side, once: some that earlier candidates trained on are now evaluated on, and some that were held out may now be
 * replayed for training.
 */
final class HeldOut {
    private static final int BUCKETS = 10_000;

    private final double fraction;
    private final Set<String> filePrompts = new HashSet<>();

    /**
     * @param fraction the share of prompts held out by hash ({@code heldout_fraction})
     * @param files the {@code heldout_files} pairs, whose prompts are held out whatever their hash
     */
    HeldOut(double fraction, List<PreferencePair> files) {
        this.fraction = fraction;
        files.forEach(p -> filePrompts.add(Conversations.promptKey(p.prompt())));
    }

    /** Whether {@code prompt} is held out. */
    boolean prompt(List<ChatMessage> prompt) {
        String key = Conversations.promptKey(prompt);
        return filePrompts.contains(key) || hashedIn(key, fraction);
    }

    /** Whether a stored pair's prompt (one user message, as {@link StoredPair#toPreferencePair} reads it) is held out. */
    boolean pair(StoredPair p) {
        return prompt(List.of(ChatMessage.user(p.prompt())));
    }

    /** Whether the first 8 bytes of the key's SHA-256, as a long mod 10,000, fall below {@code fraction}·10,000. */
    static boolean hashedIn(String key, double fraction) {
        byte[] h = EncodedPairs.sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        long v = ByteBuffer.wrap(h, 0, 8).getLong();
        return Math.floorMod(v, BUCKETS) < fraction * BUCKETS;
    }
}
