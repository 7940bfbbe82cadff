package org.align4j.reward.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.align4j.reward.config.RewardNegativesConfig;

/**
 * Synthetic preference pairs that teach a reward model what human pairs never show it ({@link
 * RewardNegativesConfig}): the question's own good answer beats a good answer to another question (off-topic) and
 * beats its own words shuffled (word salad). Deterministic for a seed; the pairs a share selects are drawn without
 * replacement, so {@code share} 1 gives every pair one negative of that kind.
 */
public final class SyntheticNegatives {
    /** A word: one or two Han characters, a run of other letters and digits, or one other visible character. */
    private static final Pattern WORD = Pattern.compile("\\p{IsHan}{1,2}|[\\p{L}\\p{N}&&[^\\p{IsHan}]]+|\\S");
    /** A shuffle that happens to give the text back is drawn again at most this often. */
    private static final int TRIES = 8;

    private SyntheticNegatives() {}

    /**
     * Human pairs with synthetic ones added.
     *
     * @param all the human pairs followed by the off-topic and then the word-salad pairs
     * @param offTopic how many off-topic pairs were added
     * @param wordSalad how many word-salad pairs were added
     */
    public record Added(PairExamples all, int offTopic, int wordSalad) {}

    /** {@code pairs} followed by the synthetic pairs {@code cfg} asks for (off-topic first, then word salad). */
    public static Added addTo(PairExamples pairs, RewardNegativesConfig cfg, long seed) {
        Random rnd = new Random(seed);
        PairExamples off = offTopic(pairs, cfg.offTopic(), rnd);
        PairExamples salad = wordSalad(pairs, cfg.wordSalad(), rnd);
        return new Added(concat(List.of(pairs, off, salad)), off.size(), salad.size());
    }

    /**
     * For a {@code share} of the pairs: {@code (prompt, chosen, the chosen answer of a pair with another prompt)}.
     * A pair for which every other pair has the same prompt or the same chosen answer gets none.
     */
    public static PairExamples offTopic(PairExamples pairs, double share, Random rnd) {
        Builder out = new Builder();
        int n = pairs.size();
        for (int i : selected(n, share, rnd)) {
            for (int t = 0; t < TRIES * 4 && n > 1; t++) {
                int j = (i + 1 + rnd.nextInt(n - 1)) % n;
                if (!pairs.prompts().get(j).equals(pairs.prompts().get(i))
                        && !pairs.chosen().get(j).strip().equals(pairs.chosen().get(i).strip())) {
                    out.negative(pairs, i, pairs.chosen().get(j), "off-topic negative of ");
                    break;
                }
            }
        }
        return out.build();
    }

    /** For a {@code share} of the pairs: {@code (prompt, chosen, chosen with its words shuffled)}. */
    public static PairExamples wordSalad(PairExamples pairs, double share, Random rnd) {
        Builder out = new Builder();
        for (int i : selected(pairs.size(), share, rnd)) {
            String chosen = pairs.chosen().get(i);
            for (int t = 0; t < TRIES; t++) {
                String salad = shuffleWords(chosen, rnd);
                if (!salad.equals(chosen.strip())) {
                    out.negative(pairs, i, salad, "word-salad negative of ");
                    break;
                }
            }
        }
        return out.build();
    }

    /**
     * The words of {@code text} ({@link #WORD}) in a random order: Han text is joined without spaces, a word of
     * other letters or digits gets a space after a letter, digit or sentence mark.
     */
    static String shuffleWords(String text, Random rnd) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        Collections.shuffle(words, rnd);
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0 && spaced(w.codePointAt(0)) && (spaced(sb.codePointBefore(sb.length()))
                    || ",.;:!?".indexOf(sb.charAt(sb.length() - 1)) >= 0)) {
                sb.append(' ');
            }
            sb.append(w);
        }
        return sb.toString();
    }

    private static boolean spaced(int cp) {
        return Character.isLetterOrDigit(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN;
    }

    /** {@code round(share · n)} distinct indices in [0, n), in ascending order. */
    private static List<Integer> selected(int n, double share, Random rnd) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, rnd);
        List<Integer> chosen = new ArrayList<>(all.subList(0, (int) Math.round(share * n)));
        Collections.sort(chosen);
        return chosen;
    }

    private static PairExamples concat(List<PairExamples> parts) {
        Builder out = new Builder();
        for (PairExamples p : parts) {
            for (int i = 0; i < p.size(); i++) {
                out.add(p.prompts().get(i), p.chosen().get(i), p.rejected().get(i), p.margins()[i], p.labels().get(i));
            }
        }
        return out.build();
    }

    private static final class Builder {
        private final List<String> prompts = new ArrayList<>();
        private final List<String> chosen = new ArrayList<>();
        private final List<String> rejected = new ArrayList<>();
        private final List<Float> margins = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();

        /** Pair {@code i} of {@code from} with another rejected answer, no margin, labelled {@code prefix + its label}. */
        void negative(PairExamples from, int i, String newRejected, String prefix) {
            add(from.prompts().get(i), from.chosen().get(i), newRejected, 0f, prefix + from.labels().get(i));
        }

        void add(String prompt, String good, String bad, float margin, String label) {
            prompts.add(prompt);
            chosen.add(good);
            rejected.add(bad);
            margins.add(margin);
            labels.add(label);
        }

        PairExamples build() {
            float[] m = new float[margins.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = margins.get(i);
            }
            return new PairExamples(prompts, chosen, rejected, m, labels);
        }
    }
}
