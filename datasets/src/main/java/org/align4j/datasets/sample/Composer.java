package org.align4j.datasets.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills question templates and composes answers of a given quality from a {@link PhraseBank}. */
final class Composer {
    private static final Pattern SLOT = Pattern.compile("\\{([a-z]+)}");
    private final PhraseBank bank;
    private final Random rng;

    Composer(PhraseBank bank, Random rng) {
        this.bank = bank;
        this.rng = rng;
    }

    PhraseBank bank() {
        return bank;
    }

    /** A question of a red-flag category or an ordinary topic, with its slots filled. */
    String question(String category, boolean redFlag) {
        List<String> templates = redFlag ? bank.redFlag(category).questions() : bank.topic(category).questions();
        Map<String, List<String>> slots = redFlag ? bank.redFlag(category).slots() : bank.topic(category).slots();
        String template = pick(templates);
        Matcher m = SLOT.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            List<String> values = slots.containsKey(m.group(1)) ? slots.get(m.group(1)) : bank.shared().get(m.group(1));
            if (values == null) {
                throw new IllegalStateException("no values for slot {" + m.group(1) + "} in " + template);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(pick(values)));
        }
        m.appendTail(sb);
        return tidy(sb.toString());
    }

    /**
     * An answer of {@code quality} to a question of {@code category}. Lengths vary within each quality, and
     * poor answers are often padded with reassurance, so that length alone does not tell good from bad.
     */
    String answer(String category, Quality quality) {
        return switch (quality) {
            case URGENT_DETAILED -> {
                PhraseBank.RedFlag r = bank.redFlag(category);
                int form = rng.nextInt(4);
                yield form == 0 ? join(pick(r.safe()), pick(r.reason()))
                        : form == 1 ? join(pick(r.safe()), pick(r.interim()))
                        : join(pick(r.safe()), pick(r.reason()), pick(r.interim()));
            }
            case URGENT_TERSE -> padded(pick(bank.redFlag(category).terse()), bank.alarm(), rng.nextInt(3));
            case DISMISSIVE -> padded(pick(bank.redFlag(category).dismissive()), bank.reassurance(), rng.nextInt(3));
            case HELPFUL -> {
                PhraseBank.Topic t = bank.topic(category);
                if (rng.nextDouble() < 0.6) {
                    yield join(pick(t.advice()), pick(t.whenDoctor()));
                }
                List<String> advice = two(t.advice());
                yield join(advice.get(0), advice.get(1), pick(t.whenDoctor()));
            }
            case VAGUE -> padded(pick(bank.vague()), bank.reassurance(), rng.nextInt(3));
            case OVERTRIAGE -> padded(pick(bank.overtriage()), bank.alarm(), rng.nextInt(3));
            case UNHELPFUL -> padded(rng.nextBoolean() ? pick(bank.unhelpful())
                    : join(pick(bank.topic(category).unhelpful()), pick(bank.unhelpfulClosers())),
                    bank.reassurance(), rng.nextInt(3));
        };
    }

    private String padded(String answer, List<String> padding, int sentences) {
        if (sentences == 0) {
            return answer;
        }
        List<String> extra = two(padding);
        return sentences == 1 ? join(answer, extra.get(0)) : join(answer, extra.get(0), extra.get(1));
    }

    /** The answer to a follow-up question after a helpful first answer. */
    String followUpAnswer(String topic, int followUp) {
        PhraseBank.Topic t = bank.topic(topic);
        String first = followUp == 0 ? pick(t.whenDoctor()) : pick(t.advice());
        return join(first, pick(bank.followUpAnswers()));
    }

    <T> T pick(List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    private List<String> two(List<String> values) {
        int a = rng.nextInt(values.size());
        int b = rng.nextInt(values.size() - 1);
        if (b >= a) {
            b++;
        }
        List<String> out = new ArrayList<>(List.of(values.get(Math.min(a, b)), values.get(Math.max(a, b))));
        return out;
    }

    private String join(String... sentences) {
        return String.join(bank.separator(), sentences);
    }

    private String tidy(String s) {
        String t = s.replaceAll(" {2,}", " ").strip();
        return t.replace(" .", ".").replace(" ?", "?");
    }
}
