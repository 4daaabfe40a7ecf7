package dev.cairn.core.drift;

import java.util.Locale;

/**
 * A drift report as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched): the verdict, a
 * drift-score chart, a table of every column's test, and each column's distributions.
 */
public final class DriftReportHtml {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums}.drift{color:#b8322f;font-weight:600}"
            + ".ok{color:#2f7d32}.columns{display:flex;flex-wrap:wrap;gap:1.5em}.column{border:1px solid #ddd;"
            + "padding:.6em;border-radius:6px}.key span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}"
            + "code{font-size:90%}";

    private DriftReportHtml() {
    }

    public static String write(DriftReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift: ")
                .append(escape(report.current().name())).append(" vs ").append(escape(report.reference().name()))
                .append("</title><style>").append(STYLE).append("</style></head><body>");
        summary(html, report);
        html.append("<h2>Drift score per column</h2><p>Bars: p-value or distance (clipped to 1); tick: threshold; red: "
                + "drifted.</p>").append(SvgCharts.scores(report.columns()));
        table(html, report);
        html.append("<h2>Distributions</h2><p class=\"key\"><span style=\"background:").append(SvgCharts.REFERENCE_COLOUR)
                .append("\"></span>reference<span style=\"background:").append(SvgCharts.CURRENT_COLOUR)
                .append("\"></span>current (share of values per bin or category)</p><div class=\"columns\">");
        for (ColumnDrift column : report.columns()) {
            html.append("<div class=\"column\"><h3>").append(escape(column.column())).append(" <small class=\"")
                    .append(column.drifted() ? "drift\">drifted" : "ok\">no drift").append("</small></h3>")
                    .append(SvgCharts.distribution(column.chart())).append("</div>");
        }
        return html.append("</div></body></html>\n").toString();
    }

    private static void summary(StringBuilder html, DriftReport report) {
        html.append("<h1>Data drift: <span class=\"").append(report.datasetDrift() ? "drift\">dataset drift detected"
                : "ok\">no dataset drift").append("</span></h1>");
        html.append(String.format(Locale.ROOT, "<p>%d of %d columns drifted (share %s; dataset drift at a share of %s "
                + "or more).</p>", report.driftedColumns(), report.columns().size(), SvgCharts.number(report.driftedShare()),
                SvgCharts.number(report.driftShare())));
        html.append("<table><tr><th></th><th>file</th><th>rows</th><th>SHA-256</th></tr>");
        for (DriftReport.DatasetSummary dataset : new DriftReport.DatasetSummary[] {report.reference(), report.current()}) {
            html.append("<tr><td>").append(dataset == report.reference() ? "reference" : "current").append("</td><td>")
                    .append(escape(dataset.name())).append("</td><td class=\"n\">").append(dataset.rows())
                    .append("</td><td><code>").append(dataset.sha256()).append("</code></td></tr>");
        }
        html.append("</table>");
    }

    private static void table(StringBuilder html, DriftReport report) {
        html.append("<h2>Columns</h2><table><tr><th>column</th><th>type</th><th>test</th><th>statistic</th>"
                + "<th>p-value / distance</th><th>threshold</th><th>drift</th></tr>");
        for (ColumnDrift column : report.columns()) {
            html.append("<tr><td>").append(escape(column.column())).append("</td><td>").append(column.type().shortName())
                    .append("</td><td>").append(escape(column.test().displayName())).append("</td><td class=\"n\">")
                    .append(SvgCharts.number(column.statistic())).append("</td><td class=\"n\">")
                    .append(SvgCharts.number(column.score())).append("</td><td class=\"n\">")
                    .append(SvgCharts.number(column.threshold())).append("</td><td class=\"")
                    .append(column.drifted() ? "drift\">drifted" : "ok\">no").append("</td></tr>");
        }
        html.append("</table>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
