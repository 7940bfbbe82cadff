package org.align4j.core.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

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

    /** A queue entry: the count a pair had when queued; stale entries are re-queued when popped. */
    private record Entry(long count, long key) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return count != o.count ? Long.compare(o.count, count) : Long.compare(key, o.key);
        }
    }

    private final int[][] words;
    private final int[] lengths;
    private final long[] freqs;
    private final int[] wordStamps;
    private final PairTable pairs = new PairTable();
    private int[] grown = new int[64];
    private int grownSize;

    /**
     * @param words the symbol ids of each distinct word (modified in place)
     * @param freqs how often each word occurs in the corpus
     */
    PairMerger(int[][] words, long[] freqs) {
        this.words = words;
        this.freqs = freqs;
        this.lengths = new int[words.length];
        this.wordStamps = new int[words.length];
        Arrays.fill(wordStamps, -1);
        for (int w = 0; w < words.length; w++) {
            int[] s = words[w];
            lengths[w] = s.length;
            for (int i = 0; i + 1 < s.length; i++) {
                int p = pairs.slot(key(s[i], s[i + 1]));
                pairs.counts[p] += freqs[w];
                pairs.addWord(p, w);
            }
        }
    }

    /**
     * Merges until the vocabulary holds {@code targetSize} tokens, no pair is left, or the best pair
     * occurs fewer than {@code minFrequency} times.
     */
    List<Merge> run(Vocabulary vocab, int targetSize, long minFrequency) {
        PriorityQueue<Entry> queue = new PriorityQueue<>(Math.max(16, pairs.size));
        for (int p = 0; p < pairs.size; p++) {
            queue.add(new Entry(pairs.counts[p], pairs.keys[p]));
        }
        List<Merge> merges = new ArrayList<>();
        while (vocab.size() < targetSize && !queue.isEmpty()) {
            Entry top = queue.poll();
            int p = pairs.find(top.key());
            long actual = pairs.counts[p];
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
            pairs.counts[p] = 0; // the pair is gone everywhere once this merge finishes
            int[] affected = pairs.words[p];
            int affectedCount = pairs.wordCounts[p];
            pairs.words[p] = null;
            pairs.wordCounts[p] = 0;
            grownSize = 0;
            int stamp = merges.size();
            for (int j = 0; j < affectedCount; j++) {
                int w = affected[j];
                if (wordStamps[w] != stamp) {
                    wordStamps[w] = stamp;
                    mergeInWord(w, left, right, result, top.key(), stamp);
                }
            }
            for (int g = 0; g < grownSize; g++) {
                int q = grown[g];
                if (pairs.counts[q] > 0) {
                    queue.add(new Entry(pairs.counts[q], pairs.keys[q]));
                }
            }
        }
        return merges;
    }

    private void mergeInWord(int w, int a, int b, int c, long mergedKey, int stamp) {
        int[] s = words[w];
        int n = lengths[w];
        long f = freqs[w];
        int out = 0;
        int i = 0;
        while (i < n) {
            if (i + 1 < n && s[i] == a && s[i + 1] == b) {
                if (out > 0) {
                    int prev = s[out - 1];
                    change(key(prev, a), -f, w, mergedKey, stamp);
                    change(key(prev, c), f, w, mergedKey, stamp);
                }
                if (i + 2 < n) {
                    int next = s[i + 2];
                    change(key(b, next), -f, w, mergedKey, stamp);
                    change(key(c, next), f, w, mergedKey, stamp);
                }
                s[out++] = c;
                i += 2;
            } else {
                s[out++] = s[i++];
            }
        }
        lengths[w] = out;
    }

    private void change(long k, long delta, int w, long mergedKey, int stamp) {
        if (k == mergedKey) {
            return;
        }
        int p = pairs.slot(k);
        pairs.counts[p] += delta;
        if (delta > 0) {
            pairs.addWord(p, w);
            if (pairs.stamps[p] != stamp) {
                pairs.stamps[p] = stamp;
                if (grownSize == grown.length) {
                    grown = Arrays.copyOf(grown, grownSize * 2);
                }
                grown[grownSize++] = p;
            }
        }
    }

    /** The symbols of word {@code w} after the merges so far. */
    int[] word(int w) {
        return Arrays.copyOf(words[w], lengths[w]);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /**
     * Pair statistics in flat arrays indexed by a pair number, found through an open-addressing hash
     * table from pair key to pair number (no boxing: the merge loop does millions of look-ups).
     */
    private static final class PairTable {
        long[] keys = new long[1024];
        long[] counts = new long[1024];
        int[][] words = new int[1024][];
        int[] wordCounts = new int[1024];
        int[] stamps = new int[1024];
        int size;
        private int[] table = new int[4096]; // pair number + 1; 0 = empty
        private int mask = table.length - 1;

        /** The pair number of {@code key}, adding the pair when new. */
        int slot(long key) {
            int h = hash(key) & mask;
            while (true) {
                int e = table[h];
                if (e == 0) {
                    return add(key, h);
                }
                if (keys[e - 1] == key) {
                    return e - 1;
                }
                h = (h + 1) & mask;
            }
        }

        /** The pair number of a key known to be present. */
        int find(long key) {
            int h = hash(key) & mask;
            while (keys[table[h] - 1] != key) {
                h = (h + 1) & mask;
            }
            return table[h] - 1;
        }

        void addWord(int p, int w) {
            int[] list = words[p];
            int n = wordCounts[p];
            if (list == null) {
                list = words[p] = new int[2];
            } else if (list[n - 1] == w) {
                return;
            } else if (n == list.length) {
                list = words[p] = Arrays.copyOf(list, n * 2);
            }
            list[n] = w;
            wordCounts[p] = n + 1;
        }

        private int add(long key, int h) {
            if (size == keys.length) {
                int cap = size * 2;
                keys = Arrays.copyOf(keys, cap);
                counts = Arrays.copyOf(counts, cap);
                words = Arrays.copyOf(words, cap);
                wordCounts = Arrays.copyOf(wordCounts, cap);
                stamps = Arrays.copyOf(stamps, cap);
            }
            keys[size] = key;
            table[h] = size + 1;
            size++;
            if (size * 2 > table.length) {
                rehash();
            }
            return size - 1;
        }

        private void rehash() {
            table = new int[table.length * 2];
            mask = table.length - 1;
            for (int p = 0; p < size; p++) {
                int h = hash(keys[p]) & mask;
                while (table[h] != 0) {
                    h = (h + 1) & mask;
                }
                table[h] = p + 1;
            }
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
