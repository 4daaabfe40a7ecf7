package dev.cairn.core.mlflow;

import static dev.cairn.core.mlflow.TrackingApi.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.registry.ModelRegistry;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegisteredModel;
import dev.cairn.core.registry.Stage;
import dev.cairn.core.registry.VersionSource;
import dev.cairn.core.tracking.LoggedModel;
import dev.cairn.core.tracking.LoggedModelStore;
import dev.cairn.core.tracking.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow's model registry endpoints (model_registry.proto) over Cairn's {@link ModelRegistry}. */
final class RegistryApi {

    private static final String MODELS_SCHEME = "models:/";

    private final ModelRegistry registry;
    private final LoggedModelStore loggedModels;
    private final MlflowJson json;

    RegistryApi(ModelRegistry registry, LoggedModelStore loggedModels, MlflowJson json) {
        this.registry = registry;
        this.loggedModels = loggedModels;
        this.json = json;
    }

    void register(Map<String, Map<String, Endpoint>> routes) {
        route(routes, "registered-models/create", "POST", r -> wrapModel(registry.createModel(r.required("name"),
                r.string("description"), pairs(r.body().get("tags")))));
        route(routes, "registered-models/get", "GET", r -> wrapModel(registry.getModel(r.required("name"))));
        route(routes, "registered-models/rename", "POST", r -> wrapModel(registry.renameModel(r.required("name"),
                r.required("new_name"))));
        route(routes, "registered-models/update", "PATCH", r -> wrapModel(registry.updateModelDescription(
                r.required("name"), r.string("description"))));
        route(routes, "registered-models/delete", "DELETE", r -> {
            registry.deleteModel(r.required("name"));
            return json.object();
        });
        route(routes, "registered-models/search", "GET", this::searchModels);
        route(routes, "registered-models/search", "POST", this::searchModels);
        route(routes, "registered-models/get-latest-versions", "GET", this::latestVersions);
        route(routes, "registered-models/get-latest-versions", "POST", this::latestVersions);
        route(routes, "registered-models/set-tag", "POST", r -> {
            registry.setModelTag(r.required("name"), r.required("key"), value(r));
            return json.object();
        });
        route(routes, "registered-models/delete-tag", "DELETE", r -> {
            registry.deleteModelTag(r.required("name"), r.required("key"));
            return json.object();
        });
        route(routes, "registered-models/alias", "POST", r -> {
            registry.setAlias(r.required("name"), r.required("alias"), version(r));
            return json.object();
        });
        route(routes, "registered-models/alias", "DELETE", r -> {
            registry.deleteAlias(r.required("name"), r.required("alias"));
            return json.object();
        });
        route(routes, "registered-models/alias", "GET", r -> wrapVersion(registry.versionByAlias(r.required("name"),
                r.required("alias"))));

        route(routes, "model-versions/create", "POST", this::createVersion);
        route(routes, "model-versions/get", "GET", r -> wrapVersion(registry.getVersion(r.required("name"), version(r))));
        route(routes, "model-versions/update", "PATCH", r -> wrapVersion(registry.updateVersionDescription(
                r.required("name"), version(r), r.string("description"))));
        route(routes, "model-versions/transition-stage", "POST", r -> wrapVersion(registry.transitionStage(
                r.required("name"), version(r), Stage.parse(r.required("stage")), r.bool("archive_existing_versions"))));
        route(routes, "model-versions/delete", "DELETE", r -> {
            registry.deleteVersion(r.required("name"), version(r));
            return json.object();
        });
        route(routes, "model-versions/search", "GET", this::searchVersions);
        route(routes, "model-versions/search", "POST", this::searchVersions);
        route(routes, "model-versions/get-download-uri", "GET", r -> json.object().put("artifact_uri",
                registry.getVersion(r.required("name"), version(r)).downloadUri()));
        route(routes, "model-versions/set-tag", "POST", r -> {
            registry.setVersionTag(r.required("name"), version(r), r.required("key"), value(r));
            return json.object();
        });
        route(routes, "model-versions/delete-tag", "DELETE", r -> {
            registry.deleteVersionTag(r.required("name"), version(r), r.required("key"));
            return json.object();
        });
    }

    /**
     * MLflow 3's CreateModelVersion: with {@code model_id} (or a {@code models:/<model_id>} source) the version is of
     * that logged model: its files are the model's artifact location, its run the model's source run unless one is
     * given, and the model's {@code mlflow.modelVersions} tag lists the new version, as MLflow's server does.
     */
    private JsonNode createVersion(ApiRequest r) {
        String name = r.required("name");
        String source = r.required("source");
        String runId = r.string("run_id");
        String modelId = r.string("model_id");
        if ((modelId == null || modelId.isEmpty()) && source.startsWith(MODELS_SCHEME)
                && source.substring(MODELS_SCHEME.length()).startsWith("m-") && !source.contains("@")
                && source.indexOf('/', MODELS_SCHEME.length()) < 0) {
            modelId = source.substring(MODELS_SCHEME.length());
        }
        String storageLocation = null;
        LoggedModel model = null;
        if (modelId != null && !modelId.isEmpty()) {
            model = loggedModels.get(modelId);
            storageLocation = model.artifactUri();
            if (runId == null || runId.isEmpty()) {
                runId = model.sourceRunId();
            }
        } else if (source.startsWith(MODELS_SCHEME)) {
            storageLocation = registeredSource(source.substring(MODELS_SCHEME.length()));
        }
        ModelVersion version = registry.createVersion(name, new VersionSource(source, runId, r.string("run_link"),
                modelId, storageLocation), r.string("description"), pairs(r.body().get("tags")), null);
        if (model != null) {
            listVersionOnModel(model, version);
        }
        return wrapVersion(version);
    }

    /** Where {@code models:/<name>/<version>} or {@code models:/<name>@<alias>} keeps its files. */
    private String registeredSource(String reference) {
        int at = reference.lastIndexOf('@');
        if (at > 0) {
            return registry.versionByAlias(reference.substring(0, at), reference.substring(at + 1)).downloadUri();
        }
        int slash = reference.lastIndexOf('/');
        if (slash > 0) {
            try {
                return registry.getVersion(reference.substring(0, slash),
                        Integer.parseInt(reference.substring(slash + 1))).downloadUri();
            } catch (NumberFormatException e) {
                return null; // models:/name/Production and the like: kept as the source says
            }
        }
        return null;
    }

    /** Adds {name, version} to the logged model's {@code mlflow.modelVersions} tag (a JSON list), once. */
    private void listVersionOnModel(LoggedModel model, ModelVersion version) {
        List<LoggedModel.Registration> listed = new ArrayList<>(model.registrations());
        LoggedModel.Registration added = new LoggedModel.Registration(version.name(),
                Integer.toString(version.version()));
        if (listed.contains(added)) {
            return;
        }
        listed.add(added);
        ArrayNode list = MlflowServer.MAPPER.createArrayNode();
        listed.forEach(entry -> list.addObject().put("name", entry.name()).put("version", entry.version()));
        loggedModels.setTags(model.modelId(), Map.of(LoggedModel.MODEL_VERSIONS_TAG, list.toString()));
    }

    private JsonNode searchModels(ApiRequest r) {
        Page<RegisteredModel> page = registry.searchModels(r.string("filter"), intOrZero(r.int32("max_results")),
                r.strings("order_by"), r.string("page_token"));
        ObjectNode answer = json.object();
        ArrayNode list = answer.putArray("registered_models");
        page.items().forEach(model -> list.add(model(model)));
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    private JsonNode searchVersions(ApiRequest r) {
        Page<ModelVersion> page = registry.searchVersions(r.string("filter"), intOrZero(r.int32("max_results")),
                r.strings("order_by"), r.string("page_token"));
        ObjectNode answer = json.object();
        ArrayNode list = answer.putArray("model_versions");
        page.items().forEach(version -> list.add(version(version)));
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    private JsonNode latestVersions(ApiRequest r) {
        List<Stage> stages = new ArrayList<>();
        for (String stage : r.strings("stages")) {
            stages.add(Stage.parse(stage));
        }
        ObjectNode answer = json.object();
        ArrayNode list = answer.putArray("model_versions");
        registry.latestVersions(r.required("name"), stages).forEach(version -> list.add(version(version)));
        return answer;
    }

    private ObjectNode wrapModel(RegisteredModel model) {
        ObjectNode answer = json.object();
        answer.set("registered_model", model(model));
        return answer;
    }

    private ObjectNode wrapVersion(ModelVersion version) {
        ObjectNode answer = json.object();
        answer.set("model_version", version(version));
        return answer;
    }

    private ObjectNode model(RegisteredModel model) {
        ObjectNode node = json.object()
                .put("name", model.name())
                .put("creation_timestamp", model.creationTime())
                .put("last_updated_timestamp", model.lastUpdateTime());
        if (model.description() != null) {
            node.put("description", model.description());
        }
        ArrayNode latest = node.putArray("latest_versions");
        model.latestVersions().forEach(version -> latest.add(version(version)));
        ArrayNode tags = node.putArray("tags");
        model.tags().forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        ArrayNode aliases = node.putArray("aliases");
        model.aliases().forEach((alias, version) -> aliases.addObject().put("alias", alias)
                .put("version", Integer.toString(version)));
        return node;
    }

    private ObjectNode version(ModelVersion version) {
        ObjectNode node = json.object()
                .put("name", version.name())
                .put("version", Integer.toString(version.version()))
                .put("creation_timestamp", version.creationTime())
                .put("last_updated_timestamp", version.lastUpdateTime())
                .put("current_stage", version.stage().label())
                .put("source", version.source())
                .put("status", version.status());
        putIfPresent(node, "user_id", version.userId());
        putIfPresent(node, "description", version.description());
        putIfPresent(node, "run_id", version.runId());
        putIfPresent(node, "run_link", version.runLink());
        putIfPresent(node, "status_message", version.statusMessage());
        putIfPresent(node, "model_id", version.modelId());
        ArrayNode tags = node.putArray("tags");
        version.tags().forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        ArrayNode aliases = node.putArray("aliases");
        version.aliases().forEach(aliases::add);
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static int version(ApiRequest request) {
        String text = request.required("version");
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("Parameter 'version' must be an integer, got '" + text + "'");
        }
    }

    private static String value(ApiRequest request) {
        String value = request.string("value");
        if (value == null) {
            throw ApiException.missing("value");
        }
        return value;
    }

    private static int intOrZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Map<String, String> pairs(JsonNode array) {
        Map<String, String> values = new LinkedHashMap<>();
        if (array != null && array.isArray()) {
            for (JsonNode pair : array) {
                if (!pair.hasNonNull("key") || !pair.hasNonNull("value")) {
                    throw ApiException.invalid("Each tag needs a key and a value");
                }
                values.put(pair.get("key").asText(), pair.get("value").asText());
            }
        }
        return values;
    }
}
