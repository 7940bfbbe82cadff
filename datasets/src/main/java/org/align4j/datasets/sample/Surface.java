package org.align4j.datasets.sample;

import java.util.List;
import java.util.Random;

/**
 * Surface variation applied to a generated question, so that no single spelling of a situation is learned:
 * an opening ("Hi doctor," / "医生你好，"), a zh/en mix or casual wording (the bank's {@code mixes}), a typo
 * (two neighbouring letters swapped in an English word of six letters or more), and punctuation in the other
 * width (full-width in English, half-width in Chinese). Each applies with its own probability.
 */
final class Surface {
    static final double MIX = 0.20;
    static final double TYPO = 0.10;
    static final double OTHER_WIDTH = 0.15;

    private final PhraseBank bank;
    private final Random rng;

    Surface(PhraseBank bank, Random rng) {
        this.bank = bank;
        this.rng = rng;
    }

    String apply(String question) {
        final String opened = bank.openings().get(rng.nextInt(bank.openings().size())) + question;
        String q = opened;
        if (rng.nextDouble() < MIX) {
            List<List<String>> present = bank.mixes().stream().filter(m -> opened.contains(m.get(0))).toList();
            if (!present.isEmpty()) {
                List<String> m = present.get(rng.nextInt(present.size()));
                q = q.replaceFirst(java.util.regex.Pattern.quote(m.get(0)),
                        java.util.regex.Matcher.quoteReplacement(m.get(1)));
            }
        }
        if (rng.nextDouble() < TYPO) {
            q = typo(q);
        }
        if (rng.nextDouble() < OTHER_WIDTH) {
            q = otherWidth(q);
        }
        return q;
    }

    private String typo(String q) {
        String[] words = q.split(" ");
        List<Integer> long6 = java.util.stream.IntStream.range(0, words.length)
                .filter(i -> words[i].length() >= 6 && words[i].chars().allMatch(Character::isLetter)).boxed().toList();
        if (long6.isEmpty()) {
            return q;
        }
        int w = long6.get(rng.nextInt(long6.size()));
        char[] c = words[w].toCharArray();
        int i = 1 + rng.nextInt(c.length - 2); // never the first letter
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        words[w] = new String(c);
        return String.join(" ", words);
    }

    private String otherWidth(String q) {
        if (bank.lang().equals("zh")) {
            return q.replace('，', ',').replace('。', '.').replace('？', '?').replace('！', '!');
        }
        return q.replace(", ", "，").replace(". ", "。").replace("?", "？").replace('.', '。');
    }
}
