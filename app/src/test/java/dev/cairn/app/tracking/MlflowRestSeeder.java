package dev.cairn.app.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Seeds a workspace the way a training script does: through Cairn's MLflow REST API and artifact proxy. */
final class MlflowRestSeeder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    MlflowRestSeeder(URI server) {
        this.base = server;
    }

    String createExperiment(String name) throws IOException, InterruptedException {
        return post("experiments/create", JSON.createObjectNode().put("name", name)).get("experiment_id").asText();
    }

    /** Creates a run; returns its run info (run_id, artifact_uri, ...). */
    JsonNode createRun(String experimentId, String name, long startTime, Map<String, String> tags)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("experiment_id", experimentId).put("run_name", name)
                .put("start_time", startTime).put("user_id", "ana");
        ArrayNode tagArray = body.putArray("tags");
        tags.forEach((key, value) -> tagArray.addObject().put("key", key).put("value", value));
        return post("runs/create", body).get("run").get("info");
    }

    void logParams(String runId, Map<String, String> params) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("run_id", runId);
        ArrayNode array = body.putArray("params");
        params.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
        post("runs/log-batch", body);
    }

    void logMetric(String runId, String key, double value, long timestamp, long step)
            throws IOException, InterruptedException {
        post("runs/log-metric", JSON.createObjectNode().put("run_id", runId).put("key", key).put("value", value)
                .put("timestamp", timestamp).put("step", step));
    }

    void finish(String runId, long endTime) throws IOException, InterruptedException {
        post("runs/update", JSON.createObjectNode().put("run_id", runId).put("status", "FINISHED")
                .put("end_time", endTime));
    }

    /** Uploads one artifact file as MLflow's client does through the proxy ({@code mlflow-artifacts:/} URIs). */
    void logArtifact(JsonNode runInfo, String path, byte[] content) throws IOException, InterruptedException {
        String root = runInfo.get("artifact_uri").asText().substring("mlflow-artifacts:/".length());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        base.resolve("/api/2.0/mlflow-artifacts/artifacts/" + root + "/" + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("PUT " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private JsonNode post(String endpoint, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/2.0/mlflow/" + endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(endpoint + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
