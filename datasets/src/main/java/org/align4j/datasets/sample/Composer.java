package org.align4j.datasets.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills question templates and composes answers of a given quality from a {@link PhraseBank}, for one side of
 * the split: a training composer uses only the {@code questions} families and leaves out the last variant of
 * every answer list of three or more; a held-out composer uses only the {@code heldOutQuestions} families and
 * every answer variant. So held-out rows are paraphrases the training files never contain.
 */
final class Composer {
    /** The shortest answer in English words that a tiny model is trained on alone. */
    static final int MIN_ANSWER_WORDS = 15;
    /** The shortest answer in Chinese characters that a tiny model is trained on alone. */
    static final int MIN_ANSWER_CHARS = 20;
    private static final Pattern SLOT = Pattern.compile("\\{([a-z]+)}");
    private final PhraseBank bank;
    private final Random rng;
    private final boolean heldOut;
    private final Surface surface;

    /** A question and its paraphrase family, e.g. {@code en/chest_pain/heldout-0}. */
    record Question(String text, String family) {}

    Composer(PhraseBank bank, Random rng, boolean heldOut) {
        this.bank = bank;
        this.rng = rng;
        this.heldOut = heldOut;
        this.surface = new Surface(bank, rng);
    }

    boolean heldOut() {
        return heldOut;
    }

    /** The family id of template {@code index} of {@code category} on this composer's side of the split. */
    String family(String category, int index) {
        return bank.lang() + "/" + category + "/" + (heldOut ? "heldout-" : "train-") + index;
    }

    /** The question templates (families) of {@code category} on this composer's side of the split. */
    List<String> templates(String category, boolean redFlag) {
        if (redFlag) {
            PhraseBank.RedFlag r = bank.redFlag(category);
            return heldOut ? r.heldOutQuestions() : r.questions();
        }
        PhraseBank.Topic t = bank.topic(category);
        return heldOut ? t.heldOutQuestions() : t.questions();
    }

    PhraseBank bank() {
        return bank;
    }

    /** A question of a red-flag category or an ordinary topic, with its slots filled and its surface varied. */
    Question question(String category, boolean redFlag) {
        List<String> templates = templates(category, redFlag);
        Map<String, List<String>> slots = redFlag ? bank.redFlag(category).slots() : bank.topic(category).slots();
        int index = rng.nextInt(templates.size());
        String template = templates.get(index);
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
        return new Question(surface.apply(tidy(sb.toString())), family(category, index));
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
                yield form == 0 ? join(variant(r.safe()), variant(r.reason()))
                        : form == 1 ? join(variant(r.safe()), variant(r.interim()))
                        : join(variant(r.safe()), variant(r.reason()), variant(r.interim()));
            }
            case URGENT_TERSE -> padded(variant(bank.redFlag(category).terse()), bank.alarm(), rng.nextInt(3));
            case DISMISSIVE -> padded(variant(bank.redFlag(category).dismissive()), bank.reassurance(), rng.nextInt(3));
            case DELAYED -> rng.nextBoolean() ? join(variant(bank.redFlag(category).reason()), pick(bank.delayed()))
                    : join(pick(bank.delayed()), pick(bank.reassurance()));
            case HELPFUL -> {
                PhraseBank.Topic t = bank.topic(category);
                if (rng.nextDouble() < 0.6) {
                    yield join(variant(t.advice()), pick(t.whenDoctor()));
                }
                List<String> advice = two(t.advice());
                yield join(advice.get(0), advice.get(1), pick(t.whenDoctor()));
            }
            case VAGUE -> padded(pick(bank.vague()), bank.reassurance(), rng.nextInt(3));
            case OVERTRIAGE -> padded(pick(bank.overtriage()), bank.alarm(), rng.nextInt(3));
            case WRONG_DOSE -> {
                PhraseBank.Topic t = bank.topic(category);
                yield rng.nextBoolean() ? join(variant(t.advice()), pick(bank.wrongDose()))
                        : pick(bank.wrongDose());
            }
            case UNHELPFUL -> padded(rng.nextBoolean() ? pick(bank.unhelpful())
                    : join(pick(bank.topic(category).unhelpful()), pick(bank.unhelpfulClosers())),
                    bank.reassurance(), rng.nextInt(3));
        };
    }

    /**
     * {@code answer} followed by {@code sentences} padding sentences (at least one when the answer alone is
     * shorter than {@link #MIN_ANSWER_WORDS} words, or {@link #MIN_ANSWER_CHARS} characters in Chinese).
     */
    private String padded(String answer, List<String> padding, int sentences) {
        if (sentences == 0 && tooShort(answer)) {
            sentences = 1;
        }
        if (sentences == 0) {
            return answer;
        }
        List<String> extra = two(padding);
        return sentences == 1 ? join(answer, extra.get(0)) : join(answer, extra.get(0), extra.get(1));
    }

    private boolean tooShort(String answer) {
        return bank.lang().equals("zh") ? answer.codePointCount(0, answer.length()) < MIN_ANSWER_CHARS
                : answer.split("\\s+").length < MIN_ANSWER_WORDS;
    }

    /** The answer to a follow-up question after a helpful first answer. */
    String followUpAnswer(String topic, int followUp) {
        PhraseBank.Topic t = bank.topic(topic);
        String first = followUp == 0 ? pick(t.whenDoctor()) : pick(t.advice());
        return join(first, pick(bank.followUpAnswers()));
    }

    /**
     * An answer sentence: any variant when held out; on the training side the last variant of a list of three or
     * more is left out, so that held-out answers are not all sentences the model was trained on.
     */
    String variant(List<String> values) {
        int n = heldOut || values.size() < 3 ? values.size() : values.size() - 1;
        return values.get(rng.nextInt(n));
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
