package org.align4j.core.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The merge loop shared by {@link BpeTrainer} and {@link WordPieceTrainer} (Sennrich et al. 2016,
 * "Neural Machine Translation of Rare Words with Subword Units"): repeatedly merge the most frequent
 * adjacent pair of symbols. Pair counts are kept incrementally: each merge visits only the words that
 * contain the pair (an index from pair to words) and adjusts the counts of the neighbouring pairs, and a
 * priority queue with lazy re-insertion finds the next best pair, as Hugging Face's trainer does.
 *
 * <p>Deterministic: ties on count go to the pair with the smaller (left id, right id).
 */
final class PairMerger {
    /** One learned merge: {@code left + right -> result}, seen {@code count} times when chosen. */
    record Merge(int left, int right, int result, long count) {}

    /** Names the token a merge makes; returns its id (an existing id when the string already exists). */
    interface Vocabulary {
        int merge(int left, int right);

        int size();
    }

    private static final class PairStat {
        long count;
        int[] words = new int[2];
        int size;

        void addWord(int w) {
            if (size > 0 && words[size - 1] == w) {
                return;
            }
            if (size == words.length) {
                words = Arrays.copyOf(words, size * 2);
            }
            words[size++] = w;
        }
    }

    private record Entry(long count, long key) {}

    private static final Comparator<Entry> BEST_FIRST =
            Comparator.comparingLong(Entry::count).reversed().thenComparingLong(Entry::key);

    private final int[][] words;
    private final int[] lengths;
    private final long[] freqs;
    private final int[] stamps;
    private final Map<Long, PairStat> pairs = new HashMap<>();

    /**
     * @param words the symbol ids of each distinct word (modified in place)
     * @param freqs how often each word occurs in the corpus
     */
    PairMerger(int[][] words, long[] freqs) {
        this.words = words;
        this.freqs = freqs;
        this.lengths = new int[words.length];
        this.stamps = new int[words.length];
        Arrays.fill(stamps, -1);
        for (int w = 0; w < words.length; w++) {
            int[] s = words[w];
            lengths[w] = s.length;
            for (int i = 0; i + 1 < s.length; i++) {
                PairStat st = pairs.computeIfAbsent(key(s[i], s[i + 1]), k -> new PairStat());
                st.count += freqs[w];
                st.addWord(w);
            }
        }
    }

    /**
     * Merges until the vocabulary holds {@code targetSize} tokens, no pair is left, or the best pair
     * occurs fewer than {@code minFrequency} times.
     */
    List<Merge> run(Vocabulary vocab, int targetSize, long minFrequency) {
        PriorityQueue<Entry> queue = new PriorityQueue<>(Math.max(16, pairs.size()), BEST_FIRST);
        pairs.forEach((k, st) -> queue.add(new Entry(st.count, k)));
        List<Merge> merges = new ArrayList<>();
        while (vocab.size() < targetSize && !queue.isEmpty()) {
            Entry top = queue.poll();
            PairStat st = pairs.get(top.key());
            long actual = st == null ? 0 : st.count;
            if (actual != top.count()) {
                if (actual > 0) {
                    queue.add(new Entry(actual, top.key()));
                }
                continue;
            }
            if (actual < minFrequency) {
                break;
            }
            int left = (int) (top.key() >>> 32);
            int right = (int) top.key();
            int result = vocab.merge(left, right);
            merges.add(new Merge(left, right, result, actual));
            pairs.remove(top.key());
            Set<Long> grown = new HashSet<>();
            int stamp = merges.size();
            for (int j = 0; j < st.size; j++) {
                int w = st.words[j];
                if (stamps[w] != stamp) {
                    stamps[w] = stamp;
                    mergeInWord(w, left, right, result, top.key(), grown);
                }
            }
            for (Long k : grown) {
                PairStat g = pairs.get(k);
                if (g != null && g.count > 0) {
                    queue.add(new Entry(g.count, k));
                }
            }
        }
        return merges;
    }

    private void mergeInWord(int w, int a, int b, int c, long mergedKey, Set<Long> grown) {
        int[] s = words[w];
        int n = lengths[w];
        long f = freqs[w];
        int out = 0;
        int i = 0;
        while (i < n) {
            if (i + 1 < n && s[i] == a && s[i + 1] == b) {
                if (out > 0) {
                    int prev = s[out - 1];
                    change(prev, a, -f, w, mergedKey, grown);
                    change(prev, c, f, w, mergedKey, grown);
                }
                if (i + 2 < n) {
                    int next = s[i + 2];
                    change(b, next, -f, w, mergedKey, grown);
                    change(c, next, f, w, mergedKey, grown);
                }
                s[out++] = c;
                i += 2;
            } else {
                s[out++] = s[i++];
            }
        }
        lengths[w] = out;
    }

    private void change(int x, int y, long delta, int w, long mergedKey, Set<Long> grown) {
        long k = key(x, y);
        if (k == mergedKey) {
            return; // the merged pair is gone everywhere once this merge finishes
        }
        PairStat st = pairs.computeIfAbsent(k, key -> new PairStat());
        st.count += delta;
        if (delta > 0) {
            st.addWord(w);
            grown.add(k);
        }
    }

    /** The symbols of word {@code w} after the merges so far. */
    int[] word(int w) {
        return Arrays.copyOf(words[w], lengths[w]);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }
}
