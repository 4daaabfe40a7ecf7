package dev.cairn.core.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A drift report as JSON: the datasets compared, the verdict, and per column its test, statistic, p-value or distance,
 * threshold, verdict and chart data. Non-finite numbers (an infinite chi-square) are written as strings.
 */
public final class DriftReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftReportJson() {
    }

    public static ObjectNode toJson(DriftReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.set("reference", JSON.valueToTree(report.reference()));
        root.set("current", JSON.valueToTree(report.current()));
        root.put("dataset_drift", report.datasetDrift());
        root.put("drifted_columns", report.driftedColumns());
        root.put("compared_columns", report.columns().size());
        root.put("share_of_drifted_columns", report.driftedShare());
        root.put("drift_share", report.driftShare());
        ArrayNode columns = root.putArray("columns");
        for (ColumnDrift column : report.columns()) {
            ObjectNode node = columns.addObject();
            node.put("column", column.column());
            node.put("type", column.type().shortName());
            node.put("test", column.test().id());
            node.put("test_name", column.test().displayName());
            number(node, "statistic", column.statistic());
            number(node, column.test().rule().isPValue() ? "p_value" : "distance", column.score());
            node.put("threshold", column.threshold());
            node.put("drifted", column.drifted());
            node.put("reference_size", column.referenceSize());
            node.put("current_size", column.currentSize());
            node.put("distinct_values", column.distinctValues());
            node.set("chart", chart(column.chart()));
        }
        return root;
    }

    public static String write(DriftReport report) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static ObjectNode chart(ColumnChart chart) {
        ObjectNode node = JSON.createObjectNode();
        if (chart.numerical()) {
            ArrayNode edges = node.putArray("edges");
            for (double edge : chart.edges()) {
                edges.add(edge);
            }
        } else {
            ArrayNode labels = node.putArray("labels");
            chart.labels().forEach(labels::add);
        }
        ArrayNode reference = node.putArray("reference");
        ArrayNode current = node.putArray("current");
        for (int i = 0; i < chart.reference().length; i++) {
            reference.add(chart.reference()[i]);
            current.add(chart.current()[i]);
        }
        return node;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.put(field, Double.toString(value));
        }
    }
}
