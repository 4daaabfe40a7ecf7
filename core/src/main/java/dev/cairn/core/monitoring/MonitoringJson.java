package dev.cairn.core.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.drift.DriftReportJson;
import java.util.List;

/**
 * A monitoring analysis as JSON: the source, reference and windowing, then per window its span, rows, verdict and
 * each column's drift report entry (as {@code cairn drift --json} writes it, without chart data), then new alerts.
 */
public final class MonitoringJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitoringJson() {
    }

    public static String write(MonitoringResult result, List<DriftAlert> newAlerts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", result.source());
        root.put("reference", result.referenceName());
        root.put("reference_sha256", result.referenceSha256());
        root.put("window", result.windowing().toString());
        root.put("predictions", result.predictions());
        root.put("rows", result.rows());
        root.put("skipped_tensors", result.skippedTensors());
        root.set("compared_columns", JSON.valueToTree(result.compared()));
        root.set("ignored_columns", JSON.valueToTree(result.ignored()));
        ArrayNode windows = root.putArray("windows");
        for (WindowDrift window : result.windows()) {
            ObjectNode node = windows.addObject();
            node.put("key", window.span().key());
            node.put("start", window.start().toString());
            node.put("end", window.end().toString());
            node.put("rows", window.rows());
            node.put("too_small", window.tooSmall());
            if (!window.tooSmall()) {
                ObjectNode report = DriftReportJson.toJson(window.report());
                node.put("dataset_drift", window.datasetDrift());
                node.put("share_of_drifted_columns", window.driftedShare());
                node.set("columns", withoutCharts(report.get("columns")));
            }
        }
        root.set("new_alerts", JSON.valueToTree(newAlerts.stream().map(alert -> JSON.createObjectNode()
                .put("window", alert.windowKey()).put("start", alert.windowStart().toString())
                .put("end", alert.windowEnd().toString()).put("reason", alert.reason())).toList()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    /** Chart data per window would make a day's timeline megabytes; the HTML report of {@code cairn drift} has it. */
    private static JsonNode withoutCharts(JsonNode columns) {
        columns.forEach(column -> ((ObjectNode) column).remove("chart"));
        return columns;
    }
}
