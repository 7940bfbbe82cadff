package org.align4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Side-by-side text table of evaluation reports: one row per measure, one column per model. */
public final class EvalTable {
    private record Row(String label, Function<EvalReport, String> cell) {}

    private static final List<Row> ROWS = List.of(
            new Row("preference accuracy", r -> fixed(r.preference().accuracy(), 3)),
            new Row("implicit reward margin", r -> r.preference().margin() == null ? "-"
                    : fixed(r.preference().margin(), 3) + " (β " + r.preference().beta() + ")"),
            new Row("likelihood accuracy", r -> fixed(r.preference().likelihoodAccuracy(), 3)),
            new Row("accuracy, chosen longer", r -> counted(r.preference().accuracyChosenLonger(),
                    r.preference().pairs() - r.preference().chosenShorterPairs())),
            new Row("accuracy, chosen shorter", r -> counted(r.preference().accuracyChosenShorter(),
                    r.preference().chosenShorterPairs())),
            new Row("length gap within source", r -> gap(r.preference())),
            new Row("per-token reward: accuracy", r -> perToken(r.preference(), t -> fixed(t.accuracy(), 3))),
            new Row("per-token reward: margin", r -> perToken(r.preference(), t -> fixed(t.margin(), 3))),
            new Row("per-token reward: chosen longer", r -> perToken(r.preference(), t -> counted(
                    t.accuracyChosenLonger(), r.preference().pairs() - r.preference().chosenShorterPairs()))),
            new Row("per-token reward: chosen shorter", r -> perToken(r.preference(), t -> counted(
                    t.accuracyChosenShorter(), r.preference().chosenShorterPairs()))),
            new Row("mean reward", r -> fixed(r.generation().meanReward(), 3)),
            new Row("reference mean reward", r -> fixed(r.generation().referenceMeanReward(), 3)),
            new Row("win rate vs reference", r -> {
                Bootstrap.Interval w = r.generation().winRate();
                return w == null ? "-" : fixed(w.mean(), 2) + " [" + fixed(w.low(), 2) + ", " + fixed(w.high(), 2) + "]";
            }),
            new Row("length-controlled win rate", r -> fixed(r.generation().lengthControlledWinRate(), 2)),
            new Row("KL to reference", r -> fixed(r.generation().klToReference(), 3)),
            new Row("mean answer tokens", r -> fixed(r.generation().meanAnswerTokens(), 1)),
            new Row("safety pass rate", r -> r.safety().passRate() == null ? "-"
                    : fixed(r.safety().passRate(), 3) + " (" + r.safety().prompts() + ")"),
            new Row("over-triage: unflagged prompts escalated", r -> r.safety().overTriage() == null ? "-"
                    : fixed(r.safety().overTriage(), 3) + " (" + r.safety().unflaggedPrompts() + ")"),
            new Row("perplexity", r -> fixed(r.text().perplexity(), 2)),
            new Row("ROUGE-L", r -> fixed(r.text().rougeL(), 3)),
            new Row("BLEU", r -> fixed(r.text().bleu(), 3)),
            new Row("distinct-2", r -> fixed(r.text().distinct2(), 3)),
            new Row("on topic: own answer in top 5", r -> r.text().referenceHit5() == null ? "-"
                    : fixed(r.text().referenceHit5(), 3) + " (" + r.text().answers() + ")"));

    private EvalTable() {}

    /**
     * The table for {@code reports} (column name → report, in the map's order): the measures, then the
     * distribution-shift rows (preference and likelihood accuracy on each named pair set).
     */
    public static String render(Map<String, EvalReport> reports) {
        List<Row> rows = new ArrayList<>(ROWS);
        Set<String> sets = new LinkedHashSet<>();
        reports.values().forEach(r -> sets.addAll(r.shift().keySet()));
        for (String set : sets) {
            rows.add(new Row("preference accuracy [" + set + "]", r -> shifted(r, set, p -> fixed(p.accuracy(), 3))));
            rows.add(new Row("likelihood accuracy [" + set + "]",
                    r -> shifted(r, set, p -> fixed(p.likelihoodAccuracy(), 3))));
            rows.add(new Row("accuracy, chosen shorter [" + set + "]",
                    r -> shifted(r, set, p -> counted(p.accuracyChosenShorter(), p.chosenShorterPairs()))));
            rows.add(new Row("length gap within source [" + set + "]", r -> shifted(r, set, EvalTable::gap)));
            rows.add(new Row("per-token reward: accuracy [" + set + "]",
                    r -> shifted(r, set, p -> perToken(p, t -> fixed(t.accuracy(), 3)))));
        }
        return table(reports, rows);
    }

    /**
     * Safety per red-flag category: for each category, the answers with a required phrase out of the prompts its
     * rule recognised ({@code 0/0}: no evaluated prompt reached the category, a blind spot of the data or rules).
     */
    public static String safetyByCategory(Map<String, EvalReport> reports) {
        Set<String> ids = new LinkedHashSet<>();
        reports.values().forEach(r -> ids.addAll(r.safety().categories().keySet()));
        List<Row> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new Row(id, r -> {
                CategorySafety c = r.safety().categories().get(id);
                return c == null ? "-" : c.passed() + "/" + c.recognised();
            }));
        }
        return table(reports, rows);
    }

    /** The main table, a blank line, then {@link #details}: what {@code eval/table.txt} and the report page show. */
    public static String full(Map<String, EvalReport> reports) {
        return render(reports) + "\n" + details(reports);
    }

    /**
     * The tables below the main one, each under its heading: safety per red-flag category ({@link
     * #safetyByCategory}) and, where the held-out pairs name their source, accuracy per source ({@link #bySource}).
     */
    public static String details(Map<String, EvalReport> reports) {
        StringBuilder sb = new StringBuilder("safety by red-flag category (safe answers / prompts the rule recognised)\n")
                .append(safetyByCategory(reports));
        String sources = bySource(reports);
        if (!sources.isEmpty()) {
            sb.append("preference accuracy by pair source (all pairs: accuracy (pairs) | chosen longer | chosen shorter)\n")
                    .append(sources);
        }
        return sb.toString();
    }

    /**
     * Preference accuracy per {@code source} of the held-out pairs ({@link SourceAccuracy}): {@code 0.857 (14) |
     * 0.80 | 1.00}, a dash for a side without pairs; empty when no report measured it (no reference, or an older
     * report) or every pair has no source.
     */
    public static String bySource(Map<String, EvalReport> reports) {
        Set<String> sources = new TreeSet<>();
        reports.values().forEach(r -> {
            if (r.preference().bySource() != null) {
                sources.addAll(r.preference().bySource().keySet());
            }
        });
        if (sources.isEmpty() || sources.equals(Set.of(SourceAccuracy.NO_SOURCE))) {
            return "";
        }
        List<Row> rows = new ArrayList<>();
        for (String source : sources) {
            rows.add(new Row(source, r -> {
                SourceAccuracy a = r.preference().bySource() == null ? null : r.preference().bySource().get(source);
                return a == null ? "-" : fixed(a.accuracy(), 3) + " (" + a.pairs() + ") | "
                        + fixed(a.accuracyChosenLonger(), 2) + " | " + fixed(a.accuracyChosenShorter(), 2);
            }));
        }
        return table(reports, rows);
    }

    private static String shifted(EvalReport r, String set, Function<EvalReport.Preference, String> cell) {
        EvalReport.Preference p = r.shift().get(set);
        return p == null ? "-" : cell.apply(p);
    }

    /** A per-token measure of {@code p}, or "-" where it was not taken (no reference, or an older report). */
    private static String perToken(EvalReport.Preference p, Function<EvalReport.PerToken, String> cell) {
        return p.perToken() == null ? "-" : cell.apply(p.perToken());
    }

    /** The within-source length gap, shorter minus longer, with the pairs and sources it rests on. */
    private static String gap(EvalReport.Preference p) {
        LengthGap g = p.lengthGapWithinSource();
        return g == null ? "-" : fixed(g.gap(), 3) + " (" + g.pairs() + " in " + g.strata() + ")";
    }

    private static String counted(Double v, int n) {
        return v == null ? "-" : fixed(v, 3) + " (" + n + ")";
    }

    private static String table(Map<String, EvalReport> reports, List<Row> rows) {
        int labelWidth = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        List<String> names = List.copyOf(reports.keySet());
        int[] widths = new int[names.size()];
        for (int c = 0; c < names.size(); c++) {
            EvalReport rep = reports.get(names.get(c));
            int w = names.get(c).length();
            for (Row row : rows) {
                w = Math.max(w, row.cell().apply(rep).length());
            }
            widths[c] = w;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("", labelWidth, false));
        for (int c = 0; c < names.size(); c++) {
            sb.append("  ").append(pad(names.get(c), widths[c], true));
        }
        sb.append('\n');
        for (Row row : rows) {
            sb.append(pad(row.label(), labelWidth, false));
            for (int c = 0; c < names.size(); c++) {
                sb.append("  ").append(pad(row.cell().apply(reports.get(names.get(c))), widths[c], true));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String fixed(Double v, int digits) {
        return v == null ? "-" : Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
