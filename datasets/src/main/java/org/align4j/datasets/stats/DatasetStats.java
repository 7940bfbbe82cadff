package org.align4j.datasets.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.Language;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.UnpairedExample;
import org.align4j.datasets.collate.LengthMeter;
import org.align4j.datasets.collate.TokenCounter;
import org.align4j.datasets.io.DataKind;
import org.align4j.datasets.io.JsonRowReader;
import org.align4j.datasets.validate.DatasetValidator;
import org.align4j.datasets.validate.ValidationSummary;

/**
 * Describes a data file, streaming: row counts by form, token lengths (prompt, response, whole templated
 * sequence) and the language mix. Invalid rows are counted and left out of the figures. Rows are measured by the
 * {@link LengthMeter} given, the rule training's encoder measures by (the BOS counts in the prompt when the
 * meter adds one); its {@link TokenCounter} is a model's tokenizer or the {@code ApproximateTokenCounter}.
 */
public final class DatasetStats {
    private final LengthMeter meter;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> languages = new LinkedHashMap<>();
    private final Set<String> raters = new TreeSet<>();
    private final IntList prompt = new IntList();
    private final IntList response = new IntList();
    private final IntList total = new IntList();

    private DatasetStats(LengthMeter meter) {
        this.meter = meter;
        for (String l : List.of(Language.ZH, Language.LATIN, Language.MIXED, Language.OTHER)) {
            languages.put(l, 0L);
        }
    }

    /**
     * Computes the statistics of a file.
     *
     * @param meter measures rows after templating, as training encodes them (its counter is the hook for a model's
     *     tokenizer; prompts include the BOS when the meter adds one)
     * @param tokenCountNote how the counter counts, printed with the figures
     */
    public static StatsReport compute(JsonRowReader reader, DataKind kind, LengthMeter meter, String tokenCountNote) {
        DatasetStats s = new DatasetStats(meter);
        ValidationSummary v = DatasetValidator.validate(reader, kind.codec(), null, (line, row) -> s.add(row), p -> { });
        if (!s.raters.isEmpty()) {
            s.counts.put("distinct raters", (long) s.raters.size());
        }
        return new StatsReport(reader.file(), kind, v, s.counts, s.prompt.percentiles(), s.response.percentiles(),
                s.total.percentiles(), s.languages, meter.template().name(), tokenCountNote);
    }

    private void add(Object row) {
        if (row instanceof SftExample e) {
            addSft(e);
        } else if (row instanceof PreferencePair p) {
            addPair(p);
        } else if (row instanceof Rating r) {
            addRating(r);
        } else if (row instanceof UnpairedExample u) {
            addUnpaired(u);
        }
    }

    private void addSft(SftExample e) {
        count(e.isAlpaca() ? "alpaca" : "conversation");
        if (e.isAlpaca() && !e.alpaca().input().isBlank()) {
            count("alpaca with input");
        }
        if (e.messages().get(0).role().equals(ChatMessage.SYSTEM)) {
            count("with system prompt");
        }
        if (e.assistantTurns() > 1) {
            count("multi-turn");
        }
        LengthMeter.Parts parts = meter.sftParts(e);
        prompt.add(parts.prompt());
        response.add(parts.trained());
        total.add(parts.total());
        language(e.messages().stream().map(ChatMessage::content).reduce("", (a, b) -> a + "\n" + b));
    }

    private void addPair(PreferencePair pair) {
        count(pair.plainPrompt() != null ? "plain prompt" : "conversational prompt");
        if (pair.margin() != null) {
            count("with margin");
        }
        int p = meter.prompt(pair.prompt());
        int c = meter.response(pair.prompt(), pair.chosen());
        int r = meter.response(pair.prompt(), pair.rejected());
        if (c > r) {
            count("chosen longer than rejected");
        }
        prompt.add(p);
        response.add(c);
        response.add(r);
        total.add(p + Math.max(c, r));
        language(text(pair.prompt()) + "\n" + pair.chosen() + "\n" + pair.rejected());
    }

    private void addRating(Rating rating) {
        if (rating.scale() == Rating.Scale.THUMBS) {
            count(rating.score() == 1 ? "thumbs up" : "thumbs down");
        } else {
            count("1-5 score " + (int) Math.round(rating.score()));
        }
        addAnswer(rating.prompt(), rating.response(), rating.rater());
    }

    private void addUnpaired(UnpairedExample u) {
        count(u.desirable() ? "desirable" : "undesirable");
        if (u.weight() != 1.0) {
            count("weighted");
        }
        addAnswer(u.prompt(), u.completion(), u.rater());
    }

    /** Counts one judged answer (a rating's or an unpaired example's): its rater, lengths and language. */
    private void addAnswer(List<ChatMessage> promptMessages, String answer, String rater) {
        if (rater != null) {
            raters.add(rater);
        }
        int p = meter.prompt(promptMessages);
        int r = meter.response(promptMessages, answer);
        prompt.add(p);
        response.add(r);
        total.add(p + r);
        language(text(promptMessages) + "\n" + answer);
    }

    private void count(String key) {
        counts.merge(key, 1L, Long::sum);
    }

    private void language(String text) {
        languages.merge(Language.detect(text), 1L, Long::sum);
    }

    private static String text(List<ChatMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            sb.append(m.content()).append('\n');
        }
        return sb.toString();
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
