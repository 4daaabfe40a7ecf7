package dev.cairn.core.mlflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.tracking.ArtifactStore;
import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.Experiment;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.RunInfo;
import java.util.List;
import java.util.Map;

/** Writes tracking entities as MLflow's JSON (proto field names, int64 as numbers, NaN as "NaN"). */
final class MlflowJson {

    private final ObjectMapper mapper;

    MlflowJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    ObjectNode experiment(Experiment experiment) {
        ObjectNode node = object()
                .put("experiment_id", experiment.experimentId())
                .put("name", experiment.name())
                .put("artifact_location", experiment.artifactLocation())
                .put("lifecycle_stage", experiment.lifecycleStage().wireName())
                .put("last_update_time", experiment.lastUpdateTime())
                .put("creation_time", experiment.creationTime());
        tags(node, "tags", experiment.tags());
        return node;
    }

    ObjectNode runInfo(RunInfo info) {
        ObjectNode node = object()
                .put("run_id", info.runId())
                .put("run_uuid", info.runId())
                .put("run_name", info.runName())
                .put("experiment_id", info.experimentId())
                .put("user_id", info.userId() == null ? "" : info.userId())
                .put("status", info.status().name())
                .put("artifact_uri", info.artifactUri())
                .put("lifecycle_stage", info.lifecycleStage().wireName());
        if (info.startTime() != null) {
            node.put("start_time", info.startTime());
        }
        if (info.endTime() != null) {
            node.put("end_time", info.endTime());
        }
        return node;
    }

    ObjectNode run(Run run) {
        ObjectNode node = object();
        node.set("info", runInfo(run.info()));
        ObjectNode data = node.putObject("data");
        ArrayNode metrics = data.putArray("metrics");
        run.latestMetrics().forEach(metric -> metrics.add(metric(metric)));
        tags(data, "params", run.params());
        tags(data, "tags", run.tags());
        ObjectNode inputs = node.putObject("inputs");
        ArrayNode datasets = inputs.putArray("dataset_inputs");
        for (DatasetInput input : run.inputs()) {
            ObjectNode item = datasets.addObject();
            tags(item, "tags", input.tags());
            ObjectNode dataset = item.putObject("dataset")
                    .put("name", input.dataset().name())
                    .put("digest", input.dataset().digest())
                    .put("source_type", input.dataset().sourceType())
                    .put("source", input.dataset().source());
            if (input.dataset().schema() != null) {
                dataset.put("schema", input.dataset().schema());
            }
            if (input.dataset().profile() != null) {
                dataset.put("profile", input.dataset().profile());
            }
        }
        ArrayNode modelInputs = inputs.putArray("model_inputs");
        run.modelInputs().forEach(modelId -> modelInputs.addObject().put("model_id", modelId));
        ArrayNode modelOutputs = node.putObject("outputs").putArray("model_outputs");
        run.modelOutputs().forEach(output -> modelOutputs.addObject().put("model_id", output.modelId())
                .put("step", output.step()));
        return node;
    }

    ObjectNode metric(Metric metric) {
        return object().put("key", metric.key()).put("value", metric.value())
                .put("timestamp", metric.timestamp()).put("step", metric.step());
    }

    ArrayNode files(List<ArtifactStore.FileInfo> files) {
        ArrayNode array = mapper.createArrayNode();
        for (ArtifactStore.FileInfo file : files) {
            ObjectNode item = array.addObject().put("path", file.path()).put("is_dir", file.isDir());
            if (file.fileSize() != null) {
                item.put("file_size", file.fileSize());
            }
        }
        return array;
    }

    private static void tags(ObjectNode parent, String field, Map<String, String> values) {
        ArrayNode array = parent.putArray(field);
        values.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
    }
}
