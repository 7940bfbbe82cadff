package org.align4j.datasets.stats;

import java.util.Locale;
import java.util.Map;
import org.align4j.datasets.io.DataKind;
import org.align4j.datasets.validate.ValidationSummary;

/**
 * The statistics of one data file.
 *
 * @param file the file's display name
 * @param kind the data kind
 * @param validation row counts (figures below cover valid rows only)
 * @param counts rows by form, e.g. {@code alpaca}, {@code multi-turn}, {@code thumbs up}
 * @param promptTokens tokens of the templated prompt, per row
 * @param responseTokens tokens of each answer (both answers of a pair)
 * @param totalTokens tokens of the longest templated sequence of each row
 * @param languages rows by script: zh, latin, mixed, other
 * @param template the template used to count
 * @param tokenCountNote how tokens were counted
 */
public record StatsReport(String file, DataKind kind, ValidationSummary validation, Map<String, Long> counts,
        Percentiles promptTokens, Percentiles responseTokens, Percentiles totalTokens, Map<String, Long> languages,
        String template, String tokenCountNote) {

    /** The report as printed by {@code align data stats}. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(" (").append(kind).append("): ").append(validation.rows()).append(" rows, ")
                .append(validation.valid()).append(" valid, ").append(validation.invalid()).append(" invalid");
        if (validation.invalid() > 0) {
            sb.append(" (left out below; run align data validate for the problems)");
        }
        sb.append('\n');
        if (!counts.isEmpty()) {
            sb.append("  ");
            String sep = "";
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
                sep = " | ";
            }
            sb.append('\n');
        }
        sb.append("tokens (").append(tokenCountNote).append("), template ").append(template).append(":\n");
        sb.append(String.format(Locale.ROOT, "  %-9s %7s %7s %6s %6s %6s %6s %6s%n", "", "n", "mean", "p50", "p90",
                "p95", "p99", "max"));
        row(sb, "prompt", promptTokens);
        row(sb, "response", responseTokens);
        row(sb, "total", totalTokens);
        long all = languages.values().stream().mapToLong(Long::longValue).sum();
        sb.append("language (by script):");
        String sep = " ";
        for (Map.Entry<String, Long> e : languages.entrySet()) {
            sb.append(sep).append(e.getKey()).append(' ').append(DatasetStats.percent(e.getValue(), all))
                    .append(" (").append(e.getValue()).append(')');
            sep = " | ";
        }
        return sb.append('\n').toString();
    }

    private static void row(StringBuilder sb, String name, Percentiles p) {
        sb.append(String.format(Locale.ROOT, "  %-9s %7d %7.1f %6d %6d %6d %6d %6d%n", name, p.count(), p.mean(),
                p.p50(), p.p90(), p.p95(), p.p99(), p.max()));
    }
}
