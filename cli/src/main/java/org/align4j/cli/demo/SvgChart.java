package org.align4j.cli.demo;

import java.util.List;
import java.util.Locale;

/** A self-contained SVG line chart of one or more metric series over training steps (no scripts, no downloads). */
final class SvgChart {
    private static final int W = 460;
    private static final int H = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private SvgChart() {}

    static String render(String title, String xLabel, List<MetricSeries> series) {
        List<MetricSeries> shown = series.stream().filter(s -> !s.isEmpty()).toList();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", W, H, W, H, Html.escape(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>",
                LEFT, Html.escape(title)));
        if (shown.isEmpty()) {
            return sb.append("<text x=\"60\" y=\"130\">no data</text></svg>").toString();
        }
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (MetricSeries s : shown) {
            for (int i = 0; i < s.steps().length; i++) {
                x0 = Math.min(x0, s.steps()[i]);
                x1 = Math.max(x1, s.steps()[i]);
                y0 = Math.min(y0, s.values()[i]);
                y1 = Math.max(y1, s.values()[i]);
            }
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 == y0) {
            y1 = y0 + 1;
        }
        double pad = (y1 - y0) * 0.05;
        y0 -= pad;
        y1 += pad;
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>", LEFT, TOP, pw, ph));
        for (int k = 0; k <= 4; k++) {
            double v = y0 + (y1 - y0) * k / 4;
            double y = TOP + ph - ph * k / 4.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>"
                    + "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT - 4, y + 3, tick(v),
                    LEFT, LEFT + pw, y, y));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", LEFT, H - 8, tick(x0)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                LEFT + pw, H - 8, tick(x1)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                LEFT + pw / 2, H - 8, Html.escape(xLabel)));
        for (int c = 0; c < shown.size(); c++) {
            MetricSeries s = shown.get(c);
            String colour = COLOURS[c % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.steps().length; i++) {
                double x = LEFT + pw * (s.steps()[i] - x0) / (x1 - x0);
                double y = TOP + ph - ph * (s.values()[i] - y0) / (y1 - y0);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
                    colour, pts.toString().strip()));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    LEFT + 8 + 150 * c, TOP + 14, colour, Html.escape(s.label())));
        }
        return sb.append("</svg>").toString();
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 0.01 || a >= 10000) ? String.format(Locale.ROOT, "%.2g", v)
                : String.format(Locale.ROOT, a < 10 ? "%.3f" : "%.1f", v);
    }
}
