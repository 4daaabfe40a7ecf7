package dev.cairn.core.tracking;

import dev.cairn.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What training scripts log into a run: tags (upserts), params (write-once), metric points
 * (append-only, with the latest per key kept up to date) and dataset inputs. A batch is checked
 * whole before anything is written and written in one transaction, so a bad request leaves nothing.
 */
public final class RunLog {

    private static final int MAX_DATASET_NAME = 500;
    private static final int MAX_DATASET_DIGEST = 36;
    private static final int MAX_DATASET_SOURCE = 65_535;
    private static final int MAX_DATASET_SCHEMA = 1_048_576;
    private static final int MAX_DATASET_PROFILE = 16_777_216;

    private final Store store;

    public RunLog(Store store) {
        this.store = store;
    }

    public void setTag(String runId, String key, String value) {
        logBatch(runId, List.of(), List.of(), List.of(new Tag(key, value)));
    }

    /** Removes a tag; NOT_FOUND if the run has no such tag. */
    public void deleteTag(String runId, String key) {
        store.inTransaction(connection -> {
            RunRows.requireActive(connection, runId);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM run_tag WHERE run_id = ? AND tag_key = ?")) {
                delete.setString(1, runId);
                delete.setString(2, key);
                if (delete.executeUpdate() == 0) {
                    throw TrackingException.notFound("No tag with name: " + key + " in run with id " + runId);
                }
            }
            return null;
        });
    }

    public void logParam(String runId, String key, String value) {
        logBatch(runId, List.of(), List.of(new Tag(key, value)), List.of());
    }

    public void logMetric(String runId, Metric metric) {
        logBatch(runId, List.of(metric), List.of(), List.of());
    }

    /** Logs metrics, params and tags together: all of them, or (on any error) none. */
    public void logBatch(String runId, List<Metric> metrics, List<Tag> params, List<Tag> tags) {
        logBatch(runId, metrics, params, tags, List.of());
    }

    /**
     * As {@link #logBatch(String, List, List, List)}, where {@code modelMetrics} are those of {@code metrics} that
     * name a logged model (MLflow 3): they are also appended to their model, in the same transaction.
     */
    public void logBatch(String runId, List<Metric> metrics, List<Tag> params, List<Tag> tags,
                         List<ModelMetric> modelMetrics) {
        checkBatch(metrics, params, tags);
        store.inTransaction(connection -> {
            RunRows.requireActive(connection, runId);
            writeParams(connection, runId, params);
            for (Tag tag : tags) {
                upsertTag(connection, runId, tag.key(), tag.value());
                if (tag.key().equals(RunStore.RUN_NAME_TAG)) {
                    try (PreparedStatement rename = connection.prepareStatement("UPDATE run SET run_name = ? WHERE run_id = ?")) {
                        rename.setString(1, tag.value());
                        rename.setString(2, runId);
                        rename.executeUpdate();
                    }
                }
            }
            appendMetrics(connection, runId, ModelLinks.withoutRepeats(connection, runId, metrics, modelMetrics));
            ModelLinks.appendModelMetrics(connection, modelMetrics);
            return null;
        });
    }

    /** Records the datasets a run used; logging the same dataset again adds nothing. */
    public void logInputs(String runId, List<DatasetInput> inputs) {
        logInputs(runId, inputs, List.of());
    }

    /** Records the datasets and (MLflow 3) the logged models, by id, that a run used; each once. */
    public void logInputs(String runId, List<DatasetInput> inputs, List<String> modelIds) {
        for (DatasetInput input : inputs) {
            checkDataset(input.dataset());
            input.tags().forEach((key, value) -> {
                TrackingLimits.checkValue("input tag", key, key, 255);
                TrackingLimits.checkValue("input tag", key, value, 500);
            });
        }
        store.inTransaction(connection -> {
            RunInfo run = RunRows.requireActive(connection, runId);
            linkInputs(connection, runId, run.experimentId(), inputs);
            ModelLinks.linkModelInputs(connection, runId, modelIds);
            return null;
        });
    }

    /**
     * Every point logged for one metric of a run, in the order logged.
     *
     * @param maxResults page size, or null for all points
     */
    public Page<Metric> history(String runId, String key, Integer maxResults, String pageToken) {
        long offset = PageToken.offset(pageToken);
        int limit = maxResults == null ? Integer.MAX_VALUE : TrackingLimits.pageSize(maxResults, 25_000, Integer.MAX_VALUE);
        MetricSeries all = series(runId, key, offset, limit == Integer.MAX_VALUE ? Long.MAX_VALUE : limit + 1L);
        List<Metric> points = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            points.add(new Metric(key, all.values()[i], all.timestamps()[i], all.steps()[i]));
        }
        boolean more = points.size() > limit;
        return new Page<>(more ? points.subList(0, limit) : points, more ? PageToken.of(offset + limit) : null);
    }

    /** Every point of one metric as arrays: a 100,000-point history is about a hundred rows to read. */
    public MetricSeries series(String runId, String key) {
        return series(runId, key, 0, Long.MAX_VALUE);
    }

    /** The points of one metric logged after the first {@code from}, as arrays: what a live chart appends. */
    public MetricSeries seriesAfter(String runId, String key, long from) {
        return series(runId, key, from, Long.MAX_VALUE);
    }

    /** Points {@code from} to {@code from + count} (in logging order) of one metric, as arrays. */
    private MetricSeries series(String runId, String key, long from, long count) {
        return store.read(connection -> {
            RunRows.requireInfo(connection, runId);
            return series(connection, runId, key, from, count);
        });
    }

    static MetricSeries series(Connection connection, String runId, String key, long from, long count)
        throws SQLException {
        long total = 0;
        try (PreparedStatement sum = connection.prepareStatement(
                "SELECT COALESCE(SUM(point_count), 0) FROM metric_chunk WHERE run_id = ? AND metric_key = ?")) {
            sum.setString(1, runId);
            sum.setString(2, key);
            try (ResultSet row = sum.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
        }
        int n = (int) Math.max(0, Math.min(count, total - from));
        long[] steps = new long[n];
        long[] timestamps = new long[n];
        double[] values = new double[n];
        long seen = 0;
        int filled = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT point_count, points FROM metric_chunk "
                + "WHERE run_id = ? AND metric_key = ? ORDER BY chunk_id")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                while (filled < n && rows.next()) {
                    int chunkCount = rows.getInt(1);
                    if (seen + chunkCount <= from) {
                        seen += chunkCount;
                        continue;
                    }
                    int skip = (int) Math.max(0, from - seen);
                    int take = Math.min(chunkCount - skip, n - filled);
                    byte[] packed = rows.getBytes(2);
                    MetricChunk.decodeInto(packed, chunkCount, skip, steps, timestamps, values, filled, take);
                    filled += take;
                    seen += chunkCount;
                }
            }
        }
        return new MetricSeries(key, steps, timestamps, values);
    }

    static void upsertTag(Connection connection, String runId, String key, String value) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO run_tag (run_id, tag_key, tag_value) KEY (run_id, tag_key) VALUES (?, ?, ?)")) {
            merge.setString(1, runId);
            merge.setString(2, key);
            merge.setString(3, value);
            merge.executeUpdate();
        }
    }

    private static void checkBatch(List<Metric> metrics, List<Tag> params, List<Tag> tags) {
        for (Tag tag : tags) {
            if (tag.key().equals(RunStore.RUN_NAME_TAG)) {
                TrackingLimits.checkRunName(tag.value());
            }
        }
        if (metrics.size() > TrackingLimits.MAX_BATCH_METRICS || params.size() > TrackingLimits.MAX_BATCH_PARAMS
                || tags.size() > TrackingLimits.MAX_BATCH_TAGS
                || metrics.size() + params.size() + tags.size() > TrackingLimits.MAX_BATCH_ENTITIES) {
            throw TrackingException.invalid("A batch logging request can contain at most "
                    + TrackingLimits.MAX_BATCH_METRICS + " metrics, " + TrackingLimits.MAX_BATCH_PARAMS + " params and "
                    + TrackingLimits.MAX_BATCH_TAGS + " tags, " + TrackingLimits.MAX_BATCH_ENTITIES + " in all. Got "
                    + metrics.size() + " metrics, " + params.size() + " params and " + tags.size() + " tags.");
        }
        Set<String> metricKeys = new HashSet<>();
        for (Metric metric : metrics) {
            if (metricKeys.add(metric.key())) { // a batch repeats a few keys many times: check each once
                TrackingLimits.checkKey("metric", metric.key());
            }
        }
        Set<String> paramKeys = new HashSet<>();
        for (Tag param : params) {
            TrackingLimits.checkKey("param", param.key());
            TrackingLimits.checkValue("Param value", param.key(), param.value(), TrackingLimits.MAX_PARAM_VALUE_LENGTH);
            if (!paramKeys.add(param.key())) {
                throw TrackingException.invalid("Duplicate parameter keys have been submitted: ['" + param.key()
                        + "']. Please ensure the request contains only one param value per param key.");
            }
        }
        for (Tag tag : tags) {
            TrackingLimits.checkKey("tag", tag.key());
            TrackingLimits.checkValue("Tag value", tag.key(), tag.value(), TrackingLimits.MAX_TAG_VALUE_LENGTH);
        }
    }

    private static void writeParams(Connection connection, String runId, List<Tag> params) throws SQLException {
        if (params.isEmpty()) {
            return;
        }
        Map<String, String> existing = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT param_key, param_value FROM param WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    existing.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO param (run_id, param_key, param_value) VALUES (?, ?, ?)")) {
            for (Tag param : params) {
                String old = existing.get(param.key());
                if (old == null) {
                    insert.setString(1, runId);
                    insert.setString(2, param.key());
                    insert.setString(3, param.value());
                    insert.addBatch();
                } else if (!old.equals(param.value())) {
                    throw TrackingException.invalid("Changing param values is not allowed. Param with key='" + param.key()
                            + "' was already logged with value='" + old + "' for run ID='" + runId
                            + "'. Attempted logging new value '" + param.value() + "'.");
                }
            }
            insert.executeBatch();
        }
    }

    static void appendMetrics(Connection connection, String runId, List<Metric> metrics) throws SQLException {
        if (metrics.isEmpty()) {
            return;
        }
        Map<String, Metric> latestInBatch = new LinkedHashMap<>();
        Map<String, MetricRange> rangeInBatch = new LinkedHashMap<>();
        Map<String, List<Metric>> byKey = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            byKey.computeIfAbsent(metric.key(), k -> new ArrayList<>()).add(metric);
            latestInBatch.merge(metric.key(), metric, (a, b) -> b.isAfter(a) ? b : a);
            rangeInBatch.merge(metric.key(), MetricRange.EMPTY.with(metric.step(), metric.value()),
                    MetricRange::merge);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO metric_chunk (run_id, metric_key, point_count, points) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, List<Metric>> series : byKey.entrySet()) {
                insert.setString(1, runId);
                insert.setString(2, series.getKey());
                insert.setInt(3, series.getValue().size());
                insert.setBytes(4, MetricChunk.encode(series.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        for (Metric candidate : latestInBatch.values()) {
            updateSummary(connection, runId, candidate, rangeInBatch.get(candidate.key()));
        }
    }

    /** Keeps the (run, key) row of latest_metric up to date: the latest point, and the range with this batch's. */
    private static void updateSummary(Connection connection, String runId, Metric candidate, MetricRange batch)
            throws SQLException {
        Metric latest = candidate;
        MetricRange range = batch;
        try (PreparedStatement select = connection.prepareStatement("SELECT metric_value, ts, step, min_value, "
                + "min_step, max_value, max_step FROM latest_metric WHERE run_id = ? AND metric_key = ? FOR UPDATE")) {
            select.setString(1, runId);
            select.setString(2, candidate.key());
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    Metric stored = new Metric(candidate.key(), row.getDouble(1), row.getLong(2), row.getLong(3));
                    latest = candidate.isAfter(stored) ? candidate : stored;
                    MetricRange known = RunRows.range(row, 4);
                    // A row from before ranges were kept: the range comes from all points, this batch's included.
                    range = known == null ? RunRows.rangeFromPoints(connection, runId, candidate.key())
                            : known.merge(batch);
                }
            }
        }
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO latest_metric (run_id, metric_key, "
                + "metric_value, ts, step, min_value, min_step, max_value, max_step) KEY (run_id, metric_key) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            merge.setString(1, runId);
            merge.setString(2, candidate.key());
            merge.setDouble(3, latest.value());
            merge.setLong(4, latest.timestamp());
            merge.setLong(5, latest.step());
            merge.setDouble(6, range.min());
            merge.setLong(7, range.minStep());
            merge.setDouble(8, range.max());
            merge.setLong(9, range.maxStep());
            merge.executeUpdate();
        }
    }

    private static void checkDataset(Dataset dataset) {
        require("name", dataset.name(), MAX_DATASET_NAME);
        require("digest", dataset.digest(), MAX_DATASET_DIGEST);
        require("source_type", dataset.sourceType(), 36);
        require("source", dataset.source(), MAX_DATASET_SOURCE);
        if (dataset.schema() != null && dataset.schema().length() > MAX_DATASET_SCHEMA) {
            throw TrackingException.invalid("Dataset schema exceeds the limit of " + MAX_DATASET_SCHEMA + " characters");
        }
        if (dataset.profile() != null && dataset.profile().length() > MAX_DATASET_PROFILE) {
            throw TrackingException.invalid("Dataset profile exceeds the limit of " + MAX_DATASET_PROFILE + " characters");
        }
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw TrackingException.invalid("Missing value for required parameter 'dataset." + field + "'");
        }
        if (value.length() > max) {
            throw TrackingException.invalid("Dataset " + field + " exceeds the limit of " + max + " characters");
        }
    }

    /** Links datasets (created in the experiment if new) to a run, with the inputs' tags. */
    static void linkInputs(Connection connection, String runId, String experimentId, List<DatasetInput> inputs)
            throws SQLException {
        for (DatasetInput input : inputs) {
            String datasetId = datasetId(connection, experimentId, input.dataset());
            try (PreparedStatement link = connection.prepareStatement(
                    "MERGE INTO run_input (run_id, dataset_id) KEY (run_id, dataset_id) VALUES (?, ?)")) {
                link.setString(1, runId);
                link.setString(2, datasetId);
                link.executeUpdate();
            }
            for (Map.Entry<String, String> tag : input.tags().entrySet()) {
                try (PreparedStatement merge = connection.prepareStatement("MERGE INTO run_input_tag "
                        + "(run_id, dataset_id, tag_key, tag_value) KEY (run_id, dataset_id, tag_key) VALUES (?, ?, ?, ?)")) {
                    merge.setString(1, runId);
                    merge.setString(2, datasetId);
                    merge.setString(3, tag.getKey());
                    merge.setString(4, tag.getValue());
                    merge.executeUpdate();
                }
            }
        }
    }

    private static String datasetId(Connection connection, String experimentId, Dataset dataset) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT dataset_id FROM dataset WHERE experiment_id = ? AND name = ? AND digest = ?")) {
            select.setString(1, experimentId);
            select.setString(2, dataset.name());
            select.setString(3, dataset.digest());
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return row.getString(1);
                }
            }
        }
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dataset (dataset_id, experiment_id, name, "
                + "digest, source_type, source, dataset_schema, profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, experimentId);
            insert.setString(3, dataset.name());
            insert.setString(4, dataset.digest());
            insert.setString(5, dataset.sourceType());
            insert.setString(6, dataset.source());
            insert.setString(7, dataset.schema());
            insert.setString(8, dataset.profile());
            insert.executeUpdate();
        }
        return id;
    }
}
