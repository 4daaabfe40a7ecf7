package dev.cairn.app.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which keys the run table shows as columns, beyond the fixed ones: metrics (each with the figures chosen for it),
 * params and tags, in the order chosen. Remembered per experiment as JSON.
 */
public record RunColumns(Map<String, Set<Figure>> metrics, List<String> params, List<String> tags) {

    /** What a metric column can show: MLflow's table has only the last value. */
    public enum Figure {
        LAST("last"), MIN("min"), MAX("max"), BEST_STEP("best step");

        private final String label;

        Figure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Without a saved choice: the last value of up to this many metrics, and up to this many params. */
    static final int DEFAULT_KEYS = 12;

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunColumns {
        Map<String, Set<Figure>> copy = new LinkedHashMap<>();
        metrics.forEach((key, figures) -> {
            if (!figures.isEmpty()) {
                copy.put(key, Set.copyOf(figures));
            }
        });
        metrics = java.util.Collections.unmodifiableMap(copy);
        params = List.copyOf(params);
        tags = List.copyOf(tags);
    }

    /** The first dozen metrics (last value) and params, as the table showed before anyone chose. */
    static RunColumns defaults(List<String> metricKeys, List<String> paramKeys) {
        Map<String, Set<Figure>> metrics = new LinkedHashMap<>();
        metricKeys.stream().limit(DEFAULT_KEYS).forEach(key -> metrics.put(key, EnumSet.of(Figure.LAST)));
        return new RunColumns(metrics, paramKeys.stream().limit(DEFAULT_KEYS).toList(), List.of());
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a column choice is always writable", e);
        }
    }

    /** The saved choice, or null when the text is not one (an older or damaged setting is ignored, not fatal). */
    static RunColumns fromJson(String text) {
        try {
            RunColumns read = JSON.readValue(text, RunColumns.class);
            return read.metrics() == null || read.params() == null || read.tags() == null ? null : read;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** The metric keys in chosen order. */
    List<String> metricKeys() {
        return new ArrayList<>(metrics.keySet());
    }
}
