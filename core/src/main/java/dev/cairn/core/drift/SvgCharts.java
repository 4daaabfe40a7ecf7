package dev.cairn.core.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The report's charts as inline SVG, so the HTML file needs nothing from the network: reference and current shares
 * per bin overlaid for numbers, side by side per category, and the drift score of every column against its threshold.
 */
final class SvgCharts {

    static final String REFERENCE_COLOUR = "#4c78a8";
    static final String CURRENT_COLOUR = "#e45756";
    private static final int WIDTH = 460;
    private static final int HEIGHT = 180;
    private static final int MARGIN = 28;
    /** More categories than this are drawn as the most frequent ones, the rest named in a caption. */
    private static final int MAX_CATEGORIES = 20;

    private SvgCharts() {
    }

    /** Shares rather than counts, so samples of different sizes compare. */
    static String distribution(ColumnChart chart) {
        double[] reference = shares(chart.reference());
        double[] current = shares(chart.current());
        return chart.numerical() ? histogram(chart, reference, current) : categories(chart, reference, current);
    }

    private static String histogram(ColumnChart chart, double[] reference, double[] current) {
        double top = Math.max(Double.MIN_VALUE, Math.max(StatUtils.max(reference), StatUtils.max(current)));
        double barWidth = (WIDTH - 2.0 * MARGIN) / reference.length;
        StringBuilder svg = open(WIDTH, HEIGHT);
        for (int i = 0; i < reference.length; i++) {
            double x = MARGIN + i * barWidth;
            bar(svg, x, barWidth, reference[i] / top, REFERENCE_COLOUR, 0.55);
            bar(svg, x, barWidth, current[i] / top, CURRENT_COLOUR, 0.45);
        }
        double[] edges = chart.edges();
        axisLabel(svg, MARGIN, number(edges[0]), "start");
        axisLabel(svg, WIDTH - MARGIN, number(edges[edges.length - 1]), "end");
        return close(svg, top);
    }

    private static String categories(ColumnChart chart, double[] reference, double[] current) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < reference.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -(reference[i] + current[i])));
        List<Integer> shown = order.subList(0, Math.min(MAX_CATEGORIES, order.size()));
        shown.sort(Comparator.naturalOrder());
        double top = 0;
        for (int i : shown) {
            top = Math.max(top, Math.max(reference[i], current[i]));
        }
        double slot = (WIDTH - 2.0 * MARGIN) / shown.size();
        StringBuilder svg = open(WIDTH, HEIGHT + 40);
        for (int k = 0; k < shown.size(); k++) {
            int i = shown.get(k);
            double x = MARGIN + k * slot;
            bar(svg, x + slot * 0.1, slot * 0.4, reference[i] / top, REFERENCE_COLOUR, 0.9);
            bar(svg, x + slot * 0.5, slot * 0.4, current[i] / top, CURRENT_COLOUR, 0.9);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" "
                    + "transform=\"rotate(-40 %.1f %d)\">%s</text>", x + slot / 2, HEIGHT - MARGIN + 14, x + slot / 2,
                    HEIGHT - MARGIN + 14, DriftReportHtml.escape(abbreviate(chart.labels().get(i)))));
        }
        if (shown.size() < order.size()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%d more categories not "
                    + "shown</text>", MARGIN, HEIGHT + 34, order.size() - shown.size()));
        }
        return close(svg, top);
    }

    /** One row per column: the score as a bar on 0..1 (distances above 1 run to the edge), the threshold as a tick. */
    static String scores(List<ColumnDrift> columns) {
        int row = 18;
        int labelWidth = 170;
        int plot = WIDTH + 140 - labelWidth - 70;
        StringBuilder svg = open(WIDTH + 140, row * columns.size() + 24);
        for (int k = 0; k < columns.size(); k++) {
            ColumnDrift column = columns.get(k);
            int y = 8 + k * row;
            double width = Math.min(Math.max(column.score(), 0), 1) * plot;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s"
                    + "</text>", labelWidth - 6, y + 11, DriftReportHtml.escape(abbreviate(column.column()))));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>",
                    labelWidth, y + 1, Math.max(width, 1), column.drifted() ? CURRENT_COLOUR : REFERENCE_COLOUR));
            double tick = labelWidth + Math.min(column.threshold(), 1) * plot;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#222\" "
                    + "stroke-width=\"2\"/>", tick, tick, y - 1, y + 15));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s %s</text>",
                    labelWidth + plot + 6, y + 11, column.test().id(), number(column.score())));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", width, height, width, height));
    }

    private static String close(StringBuilder svg, double top) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN, HEIGHT - MARGIN));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", 2, MARGIN - 6,
                number(top)));
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, double x, double width, double height, String colour, double opacity) {
        double pixels = height * (HEIGHT - 2.0 * MARGIN);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                + "fill-opacity=\"%.2f\"/>", x, HEIGHT - MARGIN - pixels, width, pixels, colour, opacity));
    }

    private static void axisLabel(StringBuilder svg, double x, String text, String anchor) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"%s\">%s</text>",
                x, HEIGHT - MARGIN + 14, anchor, text));
    }

    private static double[] shares(long[] counts) {
        return BinnedTests.shares(counts, Math.max(1, java.util.Arrays.stream(counts).sum()));
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return value != 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)
                ? String.format(Locale.ROOT, "%.3g", value) : String.format(Locale.ROOT, "%.4f", value)
                        .replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String abbreviate(String text) {
        return text.length() <= 22 ? text : text.substring(0, 21) + "…";
    }
}
