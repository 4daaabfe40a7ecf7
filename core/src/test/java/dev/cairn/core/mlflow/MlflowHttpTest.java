package dev.cairn.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Raw HTTP against a real server socket: the endpoints and errors the Java client does not reach. */
@ExtendWith(FreshWorkspaceExtension.class)
class MlflowHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private MlflowServer server;
    private Workspace workspace;

    private void start(Workspace workspace, MlflowServer.Options options) {
        this.workspace = workspace;
        TrackingServices tracking = TrackingServices.of(workspace);
        server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                options.withAddress("127.0.0.1", 0));
    }

    private void start(Workspace workspace) {
        start(workspace, MlflowServer.Options.defaults());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Answer(int status, JsonNode json, String text) {
        String errorCode() {
            return json.path("error_code").asText();
        }
    }

    private Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = MlflowServer.MAPPER.readTree(response.body());
        } catch (IOException e) {
            // not JSON (a download)
        }
        return new Answer(response.statusCode(), json, response.body());
    }

    private Answer post(String endpoint, String body) throws IOException, InterruptedException {
        return send("POST", "/api/2.0/mlflow/" + endpoint, body);
    }

    private String newRun() throws IOException, InterruptedException {
        return post("runs/create", "{\"experiment_id\": \"0\"}").json().path("run").path("info").path("run_id").asText();
    }

    @Test
    void errorsUseMlflowCodesAndStatuses(Workspace workspace) throws Exception {
        start(workspace);
        assertThat(post("experiments/create", "{\"name\": \"dup\"}").status()).isEqualTo(200);
        Answer duplicate = post("experiments/create", "{\"name\": \"dup\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");

        Answer missing = send("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=nope", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

        Answer noName = post("experiments/create", "{}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(noName.json().path("message").asText()).contains("'name'");

        assertThat(post("experiments/create", "{not json").errorCode()).isEqualTo("MALFORMED_REQUEST");
        assertThat(post("no/such/endpoint", "{}").status()).isEqualTo(404);
        assertThat(send("GET", "/api/2.0/mlflow/runs/create", null).status()).isEqualTo(405);
        assertThat(send("GET", "/ajax-api/2.0/mlflow/experiments/get?experiment_id=0", null).json()
                .path("experiment").path("name").asText()).isEqualTo("Default");
        assertThat(send("GET", "/api/3.0/mlflow/server-info", null).status()).isEqualTo(200);
        assertThat(send("GET", "/health", null).text()).isEqualTo("OK");
    }

    @Test
    void javaClientWireFormatIsAccepted(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        Answer logged = post("runs/log-metric", "{\"run_uuid\": \"" + runId + "\", \"run_id\": \"" + runId
                + "\", \"key\": \"loss\", \"value\": \"NaN\", \"timestamp\": \"1712345678901\", \"step\": \"3\"}");
        assertThat(logged.status()).isEqualTo(200);
        JsonNode metric = send("GET", "/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=loss", null)
                .json().path("metrics").get(0);
        assertThat(metric.path("value").asText()).isEqualTo("NaN");
        assertThat(metric.path("timestamp").asLong()).isEqualTo(1712345678901L);
        assertThat(metric.path("step").asLong()).isEqualTo(3);
        assertThat(post("runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"KILLED\", \"end_time\": \"5\"}")
                .json().path("run_info").path("status").asText()).isEqualTo("KILLED");
        assertThat(post("runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"DONE\"}").status()).isEqualTo(400);
    }

    @Test
    void runNameConflictsAndLogModelAndInputs(Workspace workspace) throws Exception {
        start(workspace);
        Answer conflict = post("runs/create", "{\"run_name\": \"a\", \"tags\": [{\"key\": \"mlflow.runName\", \"value\": \"b\"}]}");
        assertThat(conflict.status()).isEqualTo(400);
        String runId = newRun();
        assertThat(post("runs/log-model", "{\"run_id\": \"" + runId + "\", \"model_json\": \"{\\\"flavors\\\": {}}\"}").status())
                .isEqualTo(200);
        assertThat(post("runs/log-inputs", "{\"run_id\": \"" + runId + "\", \"datasets\": [{\"tags\": [{\"key\": "
                + "\"mlflow.data.context\", \"value\": \"training\"}], \"dataset\": {\"name\": \"iris\", \"digest\": \"abc\", "
                + "\"source_type\": \"local\", \"source\": \"{}\"}}]}").status()).isEqualTo(200);
        JsonNode run = send("GET", "/api/2.0/mlflow/runs/get?run_id=" + runId, null).json().path("run");
        assertThat(run.path("inputs").path("dataset_inputs").get(0).path("dataset").path("name").asText()).isEqualTo("iris");
        assertThat(run.path("data").path("tags").toString()).contains("mlflow.log-model.history");
        Answer found = post("runs/search", "{\"experiment_ids\": [\"0\"], \"filter\": \"datasets.context = 'training'\"}");
        assertThat(found.json().path("runs")).hasSize(1);
    }

    @Test
    void loggedModelsOfMlflow3(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        Answer created = post("logged-models", "{\"experiment_id\": \"0\", \"name\": \"clf\", \"model_type\": \"sklearn\", "
                + "\"source_run_id\": \"" + runId + "\", \"params\": [{\"key\": \"C\", \"value\": \"1.0\"}], "
                + "\"tags\": [{\"key\": \"t\", \"value\": \"v\"}]}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode info = created.json().path("model").path("info");
        String id = info.path("model_id").asText();
        assertThat(id).startsWith("m-");
        assertThat(info.path("status").asText()).isEqualTo("LOGGED_MODEL_PENDING");
        assertThat(info.path("artifact_uri").asText()).isEqualTo("mlflow-artifacts:/0/models/" + id + "/artifacts");

        assertThat(send("PATCH", "/api/2.0/mlflow/logged-models/" + id, "{\"model_id\": \"" + id
                + "\", \"status\": \"LOGGED_MODEL_READY\"}").json().path("model").path("info").path("status").asText())
                .isEqualTo("LOGGED_MODEL_READY");
        assertThat(send("PATCH", "/api/2.0/mlflow/logged-models/" + id + "/tags", "{\"tags\": [{\"key\": \"stage\", "
                + "\"value\": \"dev\"}]}").status()).isEqualTo(200);
        assertThat(send("DELETE", "/api/2.0/mlflow/logged-models/" + id + "/tags/t", null).status()).isEqualTo(200);
        assertThat(post("logged-models/" + id + "/params", "{\"params\": [{\"key\": \"C\", \"value\": \"2.0\"}]}").status())
                .isEqualTo(400);
        JsonNode got = send("GET", "/api/2.0/mlflow/logged-models/" + id, null).json().path("model");
        assertThat(got.path("info").path("tags").toString()).contains("stage").doesNotContain("\"t\"");
        assertThat(got.path("data").path("params").get(0).path("value").asText()).isEqualTo("1.0");
        assertThat(post("logged-models/search", "{\"experiment_ids\": [\"0\"]}").json().path("models")).hasSize(1);
        assertThat(send("DELETE", "/api/2.0/mlflow/logged-models/" + id, null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/2.0/mlflow/logged-models/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void oversizedBatchIsRefusedWholeAndBodiesAreBounded(Workspace workspace) throws Exception {
        start(workspace, new MlflowServer.Options("127.0.0.1", 0, null, 64 * 1024, 1024, 4));
        String runId = newRun();
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            metrics.append(i == 0 ? "" : ",").append("{\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":").append(i).append('}');
        }
        Answer batch = post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": [" + metrics + "]}");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(send("GET", "/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=m", null)
                .json().path("metrics")).isEmpty();

        Answer huge = post("experiments/create", "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(send("PUT", "/api/2.0/mlflow-artifacts/artifacts/0/big.bin", "y".repeat(2048)).status()).isEqualTo(400);
        assertThat(workspace.runArtifactsDir().resolve("0/big.bin")).doesNotExist();
    }

    @Test
    void tokenIsRequiredWhenSet(Workspace workspace) throws Exception {
        start(workspace, MlflowServer.Options.defaults().withToken("s3cret"));
        Answer refused = send("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("UNAUTHENTICATED");
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(
                        URI.create(server.uri() + "/api/2.0/mlflow/experiments/get?experiment_id=0"))
                .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    @Test
    void artifactProxyRoundTripsAndListsRunArtifacts(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        String base = "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts";
        assertThat(send("PUT", base + "/model/MLmodel", "flavors: {}").status()).isEqualTo(200);
        assertThat(send("PUT", base + "/notes%20v1.txt", "hello").status()).isEqualTo(200);
        assertThat(send("GET", base + "/notes%20v1.txt", null).text()).isEqualTo("hello");

        JsonNode listing = send("GET", "/api/2.0/mlflow/artifacts/list?run_id=" + runId, null).json();
        assertThat(listing.path("root_uri").asText()).isEqualTo("mlflow-artifacts:/0/" + runId + "/artifacts");
        assertThat(listing.path("files").toString()).contains("\"path\":\"model\"", "\"is_dir\":true",
                "\"path\":\"notes v1.txt\"", "\"file_size\":5");
        assertThat(send("GET", "/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=model", null).json()
                .path("files").get(0).path("path").asText()).isEqualTo("model/MLmodel");
        assertThat(send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=0/" + runId + "/artifacts/model", null).json()
                .path("files")).hasSize(1);

        assertThat(send("DELETE", base + "/model", null).status()).isEqualTo(200);
        assertThat(send("GET", base + "/model/MLmodel", null).status()).isEqualTo(404);
    }

    @Test
    void artifactPathsCannotLeaveTheRoot(Workspace workspace) throws Exception {
        start(workspace);
        Path outside = Files.writeString(workspace.home().resolve("secret.txt"), "keep out");
        Path elsewhere = Files.createTempDirectory("cairn-outside");
        Files.createSymbolicLink(workspace.runArtifactsDir().resolve("link"), elsewhere);
        String prefix = "/api/2.0/mlflow-artifacts/artifacts/";
        for (String attack : new String[] {"../secret.txt", "0/../../secret.txt", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt",
            "%252e%252e/secret.txt", "0/..%5c..%5csecret.txt", "%2Ftmp%2Fx", "link/planted.txt", "0//x", "./x"}) {
            Answer get = send("GET", prefix + attack, null);
            Answer put = send("PUT", prefix + attack, "pwned");
            assertThat(get.status()).as("GET " + attack).isIn(400, 404);
            assertThat(put.status()).as("PUT " + attack).isEqualTo(400);
            assertThat(put.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }
        assertThat(Files.readString(outside)).isEqualTo("keep out");
        assertThat(elsewhere.resolve("planted.txt")).doesNotExist();
        assertThat(send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=..", null).status()).isEqualTo(400);
        assertThat(send("GET", "/api/2.0/mlflow/artifacts/list?run_id=" + newRun() + "&path=../..", null).status())
                .isEqualTo(400);
        assertThat(new String(Files.readAllBytes(outside), StandardCharsets.UTF_8)).isEqualTo("keep out");
        dev.cairn.core.testing.TestFiles.deleteRecursively(elsewhere);
    }
}
