package dev.cairn.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.tracking.Dataset;
import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.Experiment;
import dev.cairn.core.tracking.DatasetSummary;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.MetricSeries;
import dev.cairn.core.tracking.ModelMetric;
import dev.cairn.core.tracking.ModelOutput;
import dev.cairn.core.tracking.Page;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.RunArtifacts;
import dev.cairn.core.tracking.RunInfo;
import dev.cairn.core.tracking.RunStatus;
import dev.cairn.core.tracking.StepSampling;
import dev.cairn.core.tracking.Tag;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow's tracking endpoints (service.proto) over Cairn's tracking services. */
final class TrackingApi {

    private static final String LOG_MODEL_HISTORY_TAG = "mlflow.log-model.history";
    /** MLflow's limits for get-history-bulk-interval (MAX_RUNS_GET_METRIC_HISTORY_BULK, MAX_RESULTS_PER_RUN). */
    private static final int MAX_BULK_RUNS = 100;
    private static final int MAX_BULK_RESULTS_PER_RUN = 2500;
    private static final int MAX_HISTORY_PAGE = 25_000;

    private final TrackingServices tracking;
    private final MlflowJson json;

    TrackingApi(TrackingServices tracking, MlflowJson json) {
        this.tracking = tracking;
        this.json = json;
    }

    /** Adds every endpoint, keyed by its path under {@code /api/2.0/mlflow/} and its HTTP method. */
    void register(Map<String, Map<String, Endpoint>> routes) {
        route(routes, "experiments/create", "POST", this::createExperiment);
        route(routes, "experiments/get", "GET", r -> wrap("experiment", json.experiment(
                tracking.experiments().get(r.required("experiment_id")))));
        route(routes, "experiments/get-by-name", "GET", r -> wrap("experiment", json.experiment(
                tracking.experiments().getByName(r.required("experiment_name")))));
        route(routes, "experiments/search", "POST", this::searchExperiments);
        route(routes, "experiments/search", "GET", this::searchExperiments);
        route(routes, "experiments/update", "POST", r -> {
            tracking.experiments().rename(r.required("experiment_id"), r.required("new_name"));
            return json.object();
        });
        route(routes, "experiments/delete", "POST", r -> {
            tracking.experiments().delete(r.required("experiment_id"));
            return json.object();
        });
        route(routes, "experiments/restore", "POST", r -> {
            tracking.experiments().restore(r.required("experiment_id"));
            return json.object();
        });
        route(routes, "experiments/set-experiment-tag", "POST", r -> {
            tracking.experiments().setTag(r.required("experiment_id"), r.required("key"), value(r));
            return json.object();
        });
        route(routes, "experiments/delete-experiment-tag", "POST", r -> {
            tracking.experiments().deleteTag(r.required("experiment_id"), r.required("key"));
            return json.object();
        });

        route(routes, "runs/create", "POST", this::createRun);
        route(routes, "runs/get", "GET", r -> wrap("run", json.run(tracking.runs().get(r.runId()))));
        route(routes, "runs/update", "POST", this::updateRun);
        route(routes, "runs/delete", "POST", r -> {
            tracking.runs().delete(r.runId());
            return json.object();
        });
        route(routes, "runs/restore", "POST", r -> {
            tracking.runs().restore(r.runId());
            return json.object();
        });
        route(routes, "runs/search", "POST", this::searchRuns);
        route(routes, "runs/search", "GET", this::searchRuns);
        route(routes, "runs/set-tag", "POST", r -> {
            tracking.log().setTag(r.runId(), r.required("key"), value(r));
            return json.object();
        });
        route(routes, "runs/delete-tag", "POST", r -> {
            tracking.log().deleteTag(r.runId(), r.required("key"));
            return json.object();
        });
        route(routes, "runs/log-parameter", "POST", r -> {
            tracking.log().logParam(r.runId(), r.required("key"), value(r));
            return json.object();
        });
        route(routes, "runs/log-metric", "POST", this::logMetric);
        route(routes, "runs/log-batch", "POST", this::logBatch);
        route(routes, "runs/log-inputs", "POST", this::logInputs);
        route(routes, "runs/log-model", "POST", this::logModel);
        route(routes, "runs/outputs", "POST", this::logOutputs);
        route(routes, "metrics/get-history", "GET", this::metricHistory);
        route(routes, "metrics/get-history-bulk-interval", "GET", this::metricHistoryBulkInterval);
        route(routes, "experiments/search-datasets", "POST", this::searchDatasets);
        route(routes, "artifacts/list", "GET", this::listArtifacts);
    }

    private JsonNode createExperiment(ApiRequest r) {
        String id = tracking.experiments().create(r.required("name"), r.string("artifact_location"), tags(r.body().get("tags")));
        return json.object().put("experiment_id", id);
    }

    private JsonNode searchExperiments(ApiRequest r) {
        Page<Experiment> page = tracking.experiments().search(r.string("filter"), viewType(r.string("view_type")),
                r.int32("max_results"), r.strings("order_by"), r.string("page_token"));
        ObjectNode answer = json.object();
        ArrayNode experiments = answer.putArray("experiments");
        page.items().forEach(e -> experiments.add(json.experiment(e)));
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    private JsonNode createRun(ApiRequest r) {
        String experimentId = r.string("experiment_id");
        Run run = tracking.runs().create(experimentId == null || experimentId.isEmpty() ? "0" : experimentId,
                r.string("user_id"), r.string("run_name"), r.int64("start_time"), tags(r.body().get("tags")));
        return wrap("run", json.run(run));
    }

    private JsonNode updateRun(ApiRequest r) {
        String status = r.string("status");
        RunInfo info = tracking.runs().update(r.runId(), status == null ? null : RunStatus.parse(status),
                r.int64("end_time"), r.string("run_name"));
        return wrap("run_info", json.runInfo(info));
    }

    private JsonNode searchRuns(ApiRequest r) {
        Page<Run> page = tracking.runs().search(r.strings("experiment_ids"), r.string("filter"),
                viewType(r.string("run_view_type")), r.int32("max_results"), r.strings("order_by"), r.string("page_token"));
        ObjectNode answer = json.object();
        ArrayNode runs = answer.putArray("runs");
        page.items().forEach(run -> runs.add(json.run(run)));
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    private JsonNode logBatch(ApiRequest r) {
        LogBatchReader.Batch batch = LogBatchReader.read(r.rawBody());
        if (batch.runId() == null || batch.runId().isEmpty()) {
            throw ApiException.missing("run_id");
        }
        tracking.log().logBatch(batch.runId(), batch.metrics(), batch.params(), batch.tags(), batch.modelMetrics());
        return json.object();
    }

    /** One point; with MLflow 3's {@code model_id} it is also the logged model's (on the dataset it names). */
    private JsonNode logMetric(ApiRequest r) {
        String runId = r.runId();
        Metric metric = metric(r.body(), r.required("key"));
        String modelId = r.string("model_id");
        List<ModelMetric> modelMetrics = modelId == null || modelId.isEmpty() ? List.of()
                : List.of(new ModelMetric(modelId, metric, r.string("dataset_name"), r.string("dataset_digest"), runId));
        tracking.log().logBatch(runId, List.of(metric), List.of(), List.of(), modelMetrics);
        return json.object();
    }

    /** MLflow 3's LogOutputs: the logged models a run produced, each at a step. */
    private JsonNode logOutputs(ApiRequest r) {
        List<ModelOutput> outputs = new ArrayList<>();
        for (JsonNode node : array(r.body(), "models")) {
            outputs.add(new ModelOutput(text(node, "model_id"),
                    ApiRequest.parseLong(node.get("step"), "step", 0L)));
        }
        tracking.modelLinks().logOutputs(r.runId(), outputs);
        return json.object();
    }

    private JsonNode logInputs(ApiRequest r) {
        List<DatasetInput> inputs = new ArrayList<>();
        for (JsonNode node : array(r.body(), "datasets")) {
            JsonNode dataset = node.path("dataset");
            inputs.add(new DatasetInput(new Dataset(text(dataset, "name"), text(dataset, "digest"),
                    text(dataset, "source_type"), text(dataset, "source"), optionalText(dataset, "schema"),
                    optionalText(dataset, "profile")), tags(node.get("tags"))));
        }
        List<String> models = new ArrayList<>();
        for (JsonNode node : array(r.body(), "models")) {
            models.add(text(node, "model_id"));
        }
        tracking.log().logInputs(r.runId(), inputs, models);
        return json.object();
    }

    /** Appends the MLmodel JSON to the run's {@code mlflow.log-model.history} tag, as MLflow's server does. */
    private JsonNode logModel(ApiRequest r) throws Exception {
        String runId = r.runId();
        JsonNode model;
        try {
            model = MlflowServer.MAPPER.readTree(r.required("model_json"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Includes Jackson's limits (a number of thousands of digits, deep nesting): the client's mistake.
            throw ApiException.invalid("model_json is not valid JSON: " + e.getOriginalMessage());
        }
        if (!model.isObject()) {
            throw ApiException.invalid("model_json must be a JSON object");
        }
        String history = tracking.runs().get(runId).tags().get(LOG_MODEL_HISTORY_TAG);
        ArrayNode models = history == null ? MlflowServer.MAPPER.createArrayNode()
                : (ArrayNode) MlflowServer.MAPPER.readTree(history);
        models.add(model);
        tracking.log().setTag(runId, LOG_MODEL_HISTORY_TAG, MlflowServer.MAPPER.writeValueAsString(models));
        return json.object();
    }

    private JsonNode metricHistory(ApiRequest r) {
        Page<Metric> page = tracking.log().history(r.runId(), r.required("metric_key"), r.int32("max_results"),
                r.string("page_token"));
        ObjectNode answer = json.object();
        ArrayNode metrics = answer.putArray("metrics");
        page.items().forEach(metric -> metrics.add(json.metric(metric)));
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    /** Sampled histories of one metric over several runs, as MLflow's charts ask for them (StepSampling). */
    private JsonNode metricHistoryBulkInterval(ApiRequest r) {
        List<String> runIds = r.strings("run_ids");
        if (runIds.isEmpty()) {
            throw ApiException.missing("run_ids");
        }
        if (runIds.size() > MAX_BULK_RUNS) {
            throw ApiException.invalid("GetMetricHistoryBulkInterval request must specify at most " + MAX_BULK_RUNS
                    + " run_ids. Received " + runIds.size() + " run_ids.");
        }
        String key = r.required("metric_key");
        Integer max = r.int32("max_results");
        if (max != null && (max < 1 || max > MAX_BULK_RESULTS_PER_RUN)) {
            throw ApiException.invalid("max_results must be between 1 and " + MAX_BULK_RESULTS_PER_RUN + ", got " + max);
        }
        Integer start = r.int32("start_step");
        Integer end = r.int32("end_step");
        if ((start == null) != (end == null)) {
            throw ApiException.invalid("If either start step or end step are specified, both must be specified.");
        }
        if (start != null && start > end) {
            throw ApiException.invalid("end_step must be greater than start_step. Found start_step=" + start
                    + " and end_step=" + end + ".");
        }
        List<MetricSeries> histories = new ArrayList<>();
        for (String runId : runIds) {
            histories.add(tracking.log().series(runId, key)); // RESOURCE_DOES_NOT_EXIST for a run that is not there
        }
        long[] steps = StepSampling.sample(histories.stream().map(MetricSeries::steps).toList(),
                start == null ? null : start.longValue(), end == null ? null : end.longValue(),
                max == null ? MAX_BULK_RESULTS_PER_RUN : max);
        ObjectNode answer = json.object();
        ArrayNode metrics = json.object().arrayNode();
        for (int run = 0; run < runIds.size(); run++) {
            MetricSeries history = histories.get(run);
            List<Integer> points = StepSampling.pointsAt(history, steps);
            for (int i : points.subList(0, Math.min(points.size(), MAX_HISTORY_PAGE))) {
                metrics.add(json.metric(new Metric(key, history.values()[i], history.timestamps()[i],
                        history.steps()[i])).put("run_id", runIds.get(run)));
            }
        }
        if (!metrics.isEmpty()) {
            answer.set("metrics", metrics);
        }
        return answer;
    }

    /** The datasets the experiments' runs used, each with the context its input was tagged with. */
    private JsonNode searchDatasets(ApiRequest r) {
        List<String> experimentIds = r.strings("experiment_ids");
        if (experimentIds.isEmpty()) {
            throw ApiException.invalid("SearchDatasets request must specify at least one experiment_id.");
        }
        if (experimentIds.size() > 20) {
            throw ApiException.invalid("SearchDatasets request cannot specify more than 20 experiment_ids. Received "
                    + experimentIds.size() + " experiment_ids.");
        }
        ObjectNode answer = json.object();
        ArrayNode summaries = answer.putArray("dataset_summaries");
        for (DatasetSummary summary : tracking.runs().datasetSummaries(experimentIds)) {
            ObjectNode item = summaries.addObject().put("experiment_id", summary.experimentId())
                    .put("name", summary.name()).put("digest", summary.digest());
            if (summary.context() != null) {
                item.put("context", summary.context());
            }
        }
        return answer;
    }

    private JsonNode listArtifacts(ApiRequest r) {
        RunInfo info = tracking.runs().get(r.runId()).info();
        String path = r.string("path") == null ? "" : r.string("path");
        ObjectNode answer = json.object().put("root_uri", info.artifactUri());
        answer.set("files", json.files(RunArtifacts.of(tracking.artifacts(), info).list(path)));
        return answer;
    }

    private static Metric metric(JsonNode node, String key) {
        return new Metric(key, ApiRequest.parseDouble(node.get("value"), "value"),
                ApiRequest.parseLong(node.get("timestamp"), "timestamp", null),
                ApiRequest.parseLong(node.get("step"), "step", 0L));
    }

    private static Map<String, String> tags(JsonNode array) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (array != null && array.isArray()) {
            for (JsonNode tag : array) {
                tags.put(text(tag, "key"), text(tag, "value"));
            }
        }
        return tags;
    }

    /** A list field of a body (absent or null: empty); anything else is a 400. */
    static Iterable<JsonNode> array(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalid("Field '" + field + "' must be a list");
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.missing(field);
        }
        return value.asText();
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String value(ApiRequest r) {
        String value = r.string("value");
        if (value == null) {
            throw ApiException.missing("value");
        }
        return value;
    }

    /** A view type by name or by its number in service.proto (1, 2, 3), as protobuf's JSON allows either. */
    private static ViewType viewType(String name) {
        if (name == null || name.isEmpty()) {
            return ViewType.ACTIVE_ONLY;
        }
        switch (name.trim()) {
            case "1" -> {
                return ViewType.ACTIVE_ONLY;
            }
            case "2" -> {
                return ViewType.DELETED_ONLY;
            }
            case "3" -> {
                return ViewType.ALL;
            }
            default -> {
                try {
                    return ViewType.valueOf(name.trim());
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("Invalid view type '" + name + "': expected ACTIVE_ONLY, DELETED_ONLY or "
                            + "ALL (or 1, 2, 3)");
                }
            }
        }
    }

    private ObjectNode wrap(String field, JsonNode value) {
        ObjectNode answer = json.object();
        answer.set(field, value);
        return answer;
    }

    static void route(Map<String, Map<String, Endpoint>> routes, String path, String method, Endpoint endpoint) {
        routes.computeIfAbsent(path, key -> new HashMap<>()).put(method, endpoint);
    }
}
