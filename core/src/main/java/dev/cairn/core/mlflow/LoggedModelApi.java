package dev.cairn.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.tracking.ArtifactStore;
import dev.cairn.core.tracking.LoggedModel;
import dev.cairn.core.tracking.LoggedModelStore;
import dev.cairn.core.tracking.ModelMetric;
import dev.cairn.core.tracking.Page;
import dev.cairn.core.tracking.RunArtifacts;
import dev.cairn.core.tracking.search.LoggedModelSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MLflow 3's logged-model endpoints under {@code /api/2.0/mlflow/logged-models}, which carry the model
 * id in the path: create, search, get, finalize (PATCH), delete, tags, params and the listing of its files.
 */
final class LoggedModelApi {

    private final LoggedModelStore models;
    private final ArtifactStore artifacts;
    private final MlflowJson json;

    LoggedModelApi(LoggedModelStore models, ArtifactStore artifacts, MlflowJson json) {
        this.models = models;
        this.artifacts = artifacts;
        this.json = json;
    }

    /** @param rest the path after {@code logged-models}, empty or starting with '/' */
    JsonNode handle(String method, String rest, ApiRequest request) {
        String[] parts = rest.isEmpty() ? new String[0] : PercentDecoding.decode(rest.substring(1), false).split("/", 3);
        if (parts.length == 0 && method.equals("POST")) {
            LoggedModel model = models.create(request.required("experiment_id"), request.string("name"),
                    request.string("model_type"), request.string("source_run_id"), pairs(request.body().get("params")),
                    pairs(request.body().get("tags")));
            return wrap(model);
        }
        if (parts.length == 1 && parts[0].equals("search") && method.equals("POST")) {
            Page<LoggedModel> page = models.search(request.strings("experiment_ids"), request.string("filter"),
                    datasets(request.body()), order(request.body()),
                    request.int32("max_results"), request.string("page_token"));
            ObjectNode answer = json.object();
            ArrayNode list = answer.putArray("models");
            page.items().forEach(model -> list.add(model(model)));
            if (page.nextPageToken() != null) {
                answer.put("next_page_token", page.nextPageToken());
            }
            return answer;
        }
        if (parts.length == 1) {
            String id = parts[0];
            return switch (method) {
                case "GET" -> wrap(models.get(id));
                case "PATCH" -> wrap(models.finalizeModel(id, status(request.required("status"))));
                case "DELETE" -> {
                    models.delete(id);
                    yield json.object();
                }
                default -> throw notAllowed(method, rest);
            };
        }
        if (parts.length >= 2 && parts[1].equals("tags")) {
            if (parts.length == 2 && method.equals("PATCH")) {
                models.setTags(parts[0], pairs(request.body().get("tags")));
                return json.object();
            }
            if (parts.length == 3 && method.equals("DELETE")) {
                models.deleteTag(parts[0], parts[2]);
                return json.object();
            }
        }
        if (parts.length == 3 && parts[1].equals("artifacts") && parts[2].equals("directories")
                && method.equals("GET")) {
            return directory(models.get(parts[0]), request.string("artifact_directory_path"));
        }
        if (parts.length == 2 && parts[1].equals("params") && method.equals("POST")) {
            models.logParams(parts[0], pairs(request.body().get("params")));
            return json.object();
        }
        throw new ApiException("ENDPOINT_NOT_FOUND", 404, "No logged-model endpoint for " + method + " logged-models" + rest);
    }

    private ObjectNode wrap(LoggedModel model) {
        ObjectNode answer = json.object();
        answer.set("model", model(model));
        return answer;
    }

    private ObjectNode model(LoggedModel model) {
        ObjectNode node = json.object();
        ObjectNode info = node.putObject("info")
                .put("model_id", model.modelId())
                .put("experiment_id", model.experimentId())
                .put("name", model.name())
                .put("creation_timestamp_ms", model.creationTime())
                .put("last_updated_timestamp_ms", model.lastUpdateTime())
                .put("artifact_uri", model.artifactUri())
                .put("status", model.status());
        putIfPresent(info, "model_type", model.modelType());
        putIfPresent(info, "source_run_id", model.sourceRunId());
        putIfPresent(info, "status_message", model.statusMessage());
        putIfPresent(info, "creator_id", model.creatorId());
        ArrayNode tags = info.putArray("tags");
        model.tags().forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        ArrayNode registrations = info.putArray("registrations");
        model.registrations().forEach(version -> registrations.addObject().put("name", version.name())
                .put("version", version.version()));
        ObjectNode data = node.putObject("data");
        ArrayNode params = data.putArray("params");
        model.params().forEach((key, value) -> params.addObject().put("key", key).put("value", value));
        ArrayNode metrics = data.putArray("metrics");
        for (ModelMetric point : model.metrics()) {
            ObjectNode metric = json.metric(point.metric()).put("model_id", model.modelId()).put("run_id", point.runId());
            putIfPresent(metric, "dataset_name", point.datasetName());
            putIfPresent(metric, "dataset_digest", point.datasetDigest());
            metrics.add(metric);
        }
        return node;
    }

    /** A logged model's files, as {@code artifacts/list} lists a run's: paths from the model's artifact root. */
    private JsonNode directory(LoggedModel model, String path) {
        ObjectNode answer = json.object().put("root_uri", model.artifactUri());
        RunArtifacts files = RunArtifacts.at(artifacts, model.artifactUri());
        answer.set("files", json.files(files.list(path == null ? "" : path)));
        return answer;
    }

    /** The enum by name, or by its number in service.proto (protobuf's JSON allows either). */
    private static String status(String value) {
        return switch (value.trim()) {
            case "1" -> "LOGGED_MODEL_PENDING";
            case "2" -> "LOGGED_MODEL_READY";
            case "3" -> "LOGGED_MODEL_UPLOAD_FAILED";
            default -> value.trim();
        };
    }

    private static List<LoggedModelSearch.DatasetFilter> datasets(JsonNode body) {
        List<LoggedModelSearch.DatasetFilter> datasets = new ArrayList<>();
        for (JsonNode entry : TrackingApi.array(body, "datasets")) {
            datasets.add(new LoggedModelSearch.DatasetFilter(TrackingApi.optionalText(entry, "dataset_name"),
                    TrackingApi.optionalText(entry, "dataset_digest")));
        }
        return datasets;
    }

    private static List<LoggedModelSearch.Order> order(JsonNode body) {
        List<LoggedModelSearch.Order> order = new ArrayList<>();
        for (JsonNode entry : TrackingApi.array(body, "order_by")) {
            JsonNode ascending = entry.get("ascending");
            order.add(new LoggedModelSearch.Order(TrackingApi.optionalText(entry, "field_name"),
                    ascending == null || ascending.isNull() || ascending.asBoolean(true),
                    TrackingApi.optionalText(entry, "dataset_name"), TrackingApi.optionalText(entry, "dataset_digest")));
        }
        return order;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static Map<String, String> pairs(JsonNode array) {
        Map<String, String> values = new LinkedHashMap<>();
        if (array != null && array.isArray()) {
            for (JsonNode pair : array) {
                if (!pair.hasNonNull("key") || !pair.hasNonNull("value")) {
                    throw ApiException.invalid("Each tag and param needs a key and a value");
                }
                values.put(pair.get("key").asText(), pair.get("value").asText());
            }
        }
        return values;
    }

    private static ApiException notAllowed(String method, String rest) {
        return new ApiException("BAD_REQUEST", 405, "Method " + method + " is not allowed for logged-models" + rest);
    }
}
