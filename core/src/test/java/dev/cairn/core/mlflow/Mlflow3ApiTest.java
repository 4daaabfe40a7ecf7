package dev.cairn.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What MLflow 3's client sends beyond 2.x, over a real socket: run outputs, model metrics, limits, names, auth. */
@ExtendWith(FreshWorkspaceExtension.class)
class Mlflow3ApiTest {

    private MlflowServer server;
    private MlflowWire wire;
    private Workspace workspace;

    private void start(Workspace workspace, String token, String authorization) {
        this.workspace = workspace;
        TrackingServices tracking = TrackingServices.of(workspace);
        server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                MlflowServer.Options.defaults().withAddress("127.0.0.1", 0).withToken(token));
        wire = new MlflowWire(server.uri(), authorization);
    }

    private void start(Workspace workspace) {
        start(workspace, null, null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String newRun() throws Exception {
        return wire.ok("runs/create", "{\"experiment_id\": \"0\"}").path("run").path("info").path("run_id").asText();
    }

    private String newLoggedModel(String runId) throws Exception {
        return wire.send("POST", "/api/2.0/mlflow/logged-models", "{\"experiment_id\": \"0\", \"name\": \"model\", "
                + "\"source_run_id\": \"" + runId + "\"}").json().path("model").path("info").path("model_id").asText();
    }

    @Test
    void runOutputsAndModelInputsAreOnTheRun(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        String produced = newLoggedModel(runId);
        String used = newLoggedModel(runId);
        wire.ok("runs/outputs", "{\"run_id\": \"" + runId + "\", \"models\": [{\"model_id\": \"" + produced
                + "\", \"step\": 3}]}");
        wire.ok("runs/log-inputs", "{\"run_id\": \"" + runId + "\", \"models\": [{\"model_id\": \"" + used + "\"}]}");
        // Logging the same output again keeps one link.
        wire.ok("runs/outputs", "{\"run_id\": \"" + runId + "\", \"models\": [{\"model_id\": \"" + produced
                + "\", \"step\": 3}]}");

        JsonNode run = wire.okGet("runs/get?run_id=" + runId).path("run");
        assertThat(run.path("outputs").path("model_outputs")).hasSize(1);
        assertThat(run.path("outputs").path("model_outputs").get(0).path("model_id").asText()).isEqualTo(produced);
        assertThat(run.path("outputs").path("model_outputs").get(0).path("step").asLong()).isEqualTo(3);
        assertThat(run.path("inputs").path("model_inputs").get(0).path("model_id").asText()).isEqualTo(used);
    }

    @Test
    void anOutputNamingNoModelIsRefusedAndStoresNothing(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        String real = newLoggedModel(runId);
        MlflowWire.Answer answer = wire.post("runs/outputs", "{\"run_id\": \"" + runId + "\", \"models\": "
                + "[{\"model_id\": \"" + real + "\"}, {\"model_id\": \"m-nope\"}]}");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(wire.okGet("runs/get?run_id=" + runId).path("run").path("outputs").path("model_outputs")).isEmpty();
        assertThat(wire.post("runs/outputs", "{\"run_id\": \"" + runId + "\", \"models\": [\"m-1\"]}").status())
                .isEqualTo(400);
    }

    @Test
    void metricsWithAModelIdAreTheLoggedModelsToo(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        String modelId = newLoggedModel(runId);
        wire.ok("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"val_f1\", \"value\": 0.9, "
                + "\"timestamp\": 1700000000000, \"step\": 0, \"model_id\": \"" + modelId + "\", "
                + "\"dataset_name\": \"val\", \"dataset_digest\": \"abc123\"}");
        wire.ok("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": [{\"key\": \"loss\", \"value\": 0.25, "
                + "\"timestamp\": 1700000000001, \"step\": 1, \"model_id\": \"" + modelId + "\"}, {\"key\": \"lr\", "
                + "\"value\": 0.1, \"timestamp\": 1700000000001, \"step\": 1}]}");

        JsonNode metrics = wire.send("GET", "/api/2.0/mlflow/logged-models/" + modelId, null).json()
                .path("model").path("data").path("metrics");
        assertThat(metrics).hasSize(2);
        assertThat(metrics.get(0).path("key").asText()).isEqualTo("loss");
        assertThat(metrics.get(0).has("dataset_name")).isFalse();
        JsonNode f1 = metrics.get(1);
        assertThat(f1.path("key").asText()).isEqualTo("val_f1");
        assertThat(f1.path("value").asDouble()).isEqualTo(0.9);
        assertThat(f1.path("dataset_name").asText()).isEqualTo("val");
        assertThat(f1.path("dataset_digest").asText()).isEqualTo("abc123");
        assertThat(f1.path("model_id").asText()).isEqualTo(modelId);
        assertThat(f1.path("run_id").asText()).isEqualTo(runId);
        // They are the run's points as well.
        assertThat(wire.okGet("runs/get?run_id=" + runId).path("run").path("data").path("metrics")).hasSize(3);
    }

    @Test
    void aMetricNamingAnUnknownModelStoresNothing(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        MlflowWire.Answer answer = wire.post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": [{\"key\": "
                + "\"a\", \"value\": 1, \"timestamp\": 1, \"model_id\": \"m-missing\"}], \"params\": [{\"key\": \"p\", "
                + "\"value\": \"1\"}]}");
        assertThat(answer.status()).isEqualTo(404);
        JsonNode data = wire.okGet("runs/get?run_id=" + runId).path("run").path("data");
        assertThat(data.path("metrics")).isEmpty();
        assertThat(data.path("params")).isEmpty();
    }

    /** MLflow's limits: run tags 8,000, experiment tags 5,000, registry tags 100,000; run names 250. */
    @Test
    void tagValuesUpToMlflowsLimits(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        wire.ok("runs/set-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"long\", \"value\": \"" + "x".repeat(8000)
                + "\"}");
        MlflowWire.Answer tooLong = wire.post("runs/set-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"longer\", "
                + "\"value\": \"" + "x".repeat(8001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        wire.ok("experiments/set-experiment-tag", "{\"experiment_id\": \"0\", \"key\": \"long\", \"value\": \""
                + "y".repeat(5000) + "\"}");
        assertThat(wire.post("experiments/set-experiment-tag", "{\"experiment_id\": \"0\", \"key\": \"longer\", "
                + "\"value\": \"" + "y".repeat(5001) + "\"}").status()).isEqualTo(400);
        wire.ok("registered-models/create", "{\"name\": \"m\", \"tags\": [{\"key\": \"card\", \"value\": \""
                + "z".repeat(100_000) + "\"}]}");
        assertThat(wire.post("registered-models/set-tag", "{\"name\": \"m\", \"key\": \"more\", \"value\": \""
                + "z".repeat(100_001) + "\"}").status()).isEqualTo(400);
        for (String body : new String[] {"{\"experiment_id\": \"0\", \"run_name\": \"" + "r".repeat(251) + "\"}",
            "{\"experiment_id\": \"0\", \"tags\": [{\"key\": \"mlflow.runName\", \"value\": \"" + "r".repeat(251)
                    + "\"}]}", "{\"experiment_id\": \"0\", \"user_id\": \"" + "u".repeat(257) + "\"}"}) {
            MlflowWire.Answer refused = wire.post("runs/create", body);
            assertThat(refused.status()).as(body.substring(0, 40)).isEqualTo(400);
            assertThat(refused.text()).doesNotContain("SQL").doesNotContain("VARCHAR");
        }
        MlflowWire.Answer renamed = wire.post("runs/set-tag", "{\"run_id\": \"" + runId + "\", \"key\": "
                + "\"mlflow.runName\", \"value\": \"" + "r".repeat(251) + "\"}");
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(wire.post("experiments/create", "{\"name\": \"far\", \"artifact_location\": \"/tmp/"
                + "a".repeat(2100) + "\"}").status()).isEqualTo(400);
        assertThat(wire.okGet("runs/get?run_id=" + runId).path("run").path("data").path("tags").toString())
                .contains("x".repeat(8000));
    }

    @Test
    void logBatchRefusesElementsThatAreNotObjectsAndTrailingData(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        String good = "{\"key\": \"a\", \"value\": 1, \"timestamp\": 1}";
        for (String metrics : new String[] {"[" + good + ", 5, " + good + "]", "[" + good + ", \"x\"]",
            "[" + good + ", [1]]", "[" + good + ", null]"}) {
            MlflowWire.Answer answer = wire.post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": "
                    + metrics + ", \"params\": [{\"key\": \"p\", \"value\": \"v\"}]}");
            assertThat(answer.status()).as(metrics).isEqualTo(400);
            assertThat(answer.json().path("message").asText()).as(metrics).contains("'metrics'");
        }
        MlflowWire.Answer trailing = wire.post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + good + "]} {\"more\": 1}");
        assertThat(trailing.status()).isEqualTo(400);
        JsonNode data = wire.okGet("runs/get?run_id=" + runId).path("run").path("data");
        assertThat(data.path("metrics")).isEmpty();
        assertThat(data.path("params")).isEmpty();
    }

    @Test
    void runViewTypeByNumber(Workspace workspace) throws Exception {
        start(workspace);
        String kept = newRun();
        String deleted = newRun();
        wire.ok("runs/delete", "{\"run_id\": \"" + deleted + "\"}");
        assertThat(wire.ok("runs/search", "{\"experiment_ids\": [\"0\"], \"run_view_type\": 3}").path("runs"))
                .hasSize(2);
        assertThat(wire.ok("runs/search", "{\"experiment_ids\": [\"0\"], \"run_view_type\": 2}").path("runs").get(0)
                .path("info").path("run_id").asText()).isEqualTo(deleted);
        assertThat(wire.ok("runs/search", "{\"experiment_ids\": [\"0\"], \"run_view_type\": \"ACTIVE_ONLY\"}")
                .path("runs").get(0).path("info").path("run_id").asText()).isEqualTo(kept);
        assertThat(wire.post("runs/search", "{\"experiment_ids\": [\"0\"], \"run_view_type\": 7}").status())
                .isEqualTo(400);
    }

    @Test
    void artifactNamesMlflowAcceptsAreAccepted(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        String base = "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/";
        // Encoded as the client's urllib.parse.quote does: '+' and ':' may travel raw, '%' as %25.
        String[][] names = {{"a+b.txt", "a+b.txt"}, {"10:00.txt", "10%3A00.txt"}, {"50%.txt", "50%25.txt"},
            {"räksmörgås.txt", "r%C3%A4ksm%C3%B6rg%C3%A5s.txt"}};
        for (String[] name : names) {
            assertThat(wire.put(base + name[1], name[0].getBytes(StandardCharsets.UTF_8)).status()).as(name[0])
                    .isEqualTo(200);
            assertThat(new String(wire.download(base + name[1]), StandardCharsets.UTF_8)).isEqualTo(name[0]);
        }
        JsonNode files = wire.okGet("artifacts/list?run_id=" + runId).path("files");
        assertThat(files.findValuesAsText("path")).containsExactlyInAnyOrder("10:00.txt", "50%.txt", "a+b.txt",
                "räksmörgås.txt");
    }

    @Test
    void badArtifactNamesAreA400ThatNamesNoServerPathAndLeavesNothing(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        String base = "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/";
        assertThat(wire.raw("PUT", base + "50%zz.txt", new byte[] {1})).isEqualTo(400);
        assertThat(wire.raw("PUT", base + "50%.txt", new byte[] {1})).isEqualTo(400);
        MlflowWire.Answer hash = wire.put(base + "a%23b.txt", new byte[] {1});
        assertThat(hash.status()).isEqualTo(400);
        MlflowWire.Answer longName = wire.put(base + "n".repeat(256) + ".txt", new byte[] {1});
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.json().path("message").asText()).contains("longer than 255 bytes")
                .doesNotContain(workspace.home().toString());
        MlflowWire.Answer deep = wire.put(base + "d/".repeat(4000) + "x.txt", new byte[] {1});
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().path("message").asText()).contains("levels deep").hasSizeLessThan(600);
        for (String doubleEncoded : new String[] {"%252e%252e/x.txt", "%25252e%25252e/x.txt", "a%252fb.txt"}) {
            assertThat(wire.put(base + doubleEncoded, new byte[] {1}).status()).as(doubleEncoded).isEqualTo(400);
        }
        Path runFolder = workspace.runArtifactsDir().resolve("0").resolve(runId);
        try (Stream<Path> left = Files.exists(runFolder) ? Files.walk(runFolder) : Stream.empty()) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(Files.exists(runFolder.resolve("artifacts/d"))).isFalse();
    }

    @Test
    void basicAuthWithTheTokenAsPassword(Workspace workspace) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        start(workspace, "s3cret", basic);
        assertThat(wire.get("experiments/get?experiment_id=0").status()).isEqualTo(200);
        for (String wrong : new String[] {"alice:wrong", "s3cret", ":"}) {
            MlflowWire other = new MlflowWire(server.uri(), "Basic "
                    + Base64.getEncoder().encodeToString(wrong.getBytes(StandardCharsets.UTF_8)));
            MlflowWire.Answer refused = other.get("experiments/get?experiment_id=0");
            assertThat(refused.status()).as(wrong).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(new MlflowWire(server.uri(), "Basic !!!").get("experiments/get?experiment_id=0").status())
                .isEqualTo(401);
        assertThat(new MlflowWire(server.uri(), "Bearer s3cret").get("experiments/get?experiment_id=0").status())
                .isEqualTo(200);
        assertThat(new MlflowWire(server.uri(), "bearer s3cret").get("experiments/get?experiment_id=0").status())
                .isEqualTo(200);
    }

    @Test
    void serverInfoSearchDatasetsAndTheUisArtifactRoutes(Workspace workspace) throws Exception {
        start(workspace);
        JsonNode info = MlflowWire.ok(wire.send("GET", "/api/3.0/mlflow/server-info", null), "server-info");
        assertThat(info.path("store_type").asText()).isEqualTo("SqlStore");
        assertThat(info.path("workspaces_enabled").asBoolean(true)).isFalse();
        String runId = newRun();
        wire.ok("runs/log-inputs", "{\"run_id\": \"" + runId + "\", \"datasets\": [{\"tags\": [{\"key\": "
                + "\"mlflow.data.context\", \"value\": \"train\"}], \"dataset\": {\"name\": \"iris\", \"digest\": "
                + "\"d1\", \"source_type\": \"local\", \"source\": \"{}\"}}]}");
        JsonNode summaries = MlflowWire.ok(wire.send("POST", "/ajax-api/2.0/mlflow/experiments/search-datasets",
                "{\"experiment_ids\": [\"0\"]}"), "search-datasets").path("dataset_summaries");
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).path("name").asText()).isEqualTo("iris");
        assertThat(summaries.get(0).path("context").asText()).isEqualTo("train");
        assertThat(wire.send("POST", "/ajax-api/2.0/mlflow/experiments/search-datasets", "{\"experiment_ids\": []}")
                .status()).isEqualTo(400);
        String path = "0/" + runId + "/artifacts/notes.md";
        assertThat(wire.put("/ajax-api/2.0/mlflow-artifacts/artifacts/" + path, "# hi".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
        assertThat(MlflowWire.ok(wire.send("GET", "/ajax-api/2.0/mlflow-artifacts/artifacts?path=0/" + runId
                + "/artifacts", null), "listing").path("files").get(0).path("path").asText()).isEqualTo("notes.md");
        assertThat(wire.send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=0/" + runId + "/artifacts/none", null)
                .status()).as("a folder that is not there lists empty, as register_model needs").isEqualTo(200);
        assertThat(wire.send("GET", "/get-artifact?path=../../x&run_uuid=" + runId, null).status()).isEqualTo(400);
        assertThat(wire.send("GET", "/get-artifact?path=nope.txt&run_uuid=" + runId, null).status()).isEqualTo(404);
    }

    /** Mistakes that used to be 500s: each is a 400 in MLflow's shape, with nothing stored. */
    @Test
    void aHugeNumberInModelJsonAndAMalformedChunkedBodyAre400s(Workspace workspace) throws Exception {
        start(workspace);
        String runId = newRun();
        MlflowWire.Answer huge = wire.post("runs/log-model", "{\"run_id\": \"" + runId + "\", \"model_json\": "
                + "\"{\\\"n\\\": " + "9".repeat(6000) + "}\"}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(wire.okGet("runs/get?run_id=" + runId).path("run").path("data").path("tags").toString())
                .doesNotContain("mlflow.log-model.history");
        assertThat(wire.post("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"a\", \"value\": 1, "
                + "\"timestamp\": 99999999999999999999}").status()).as("a timestamp beyond int64").isEqualTo(400);
        assertThat(wire.post("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"a\", \"value\": 1, "
                + "\"timestamp\": 1} trailing").status()).isEqualTo(400);
        assertThat(wire.okGet("runs/get?run_id=" + runId).path("run").path("data").path("metrics")).isEmpty();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/2.0/mlflow/runs/set-tag HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 400");
        }
    }

    /** Links in a run's folder are listed as what they are: followed inside the run, never out of it, none breaking it. */
    @Test
    void symbolicLinksAreListedWithoutBeingFollowedOut(Workspace workspace,
                                                       @org.junit.jupiter.api.io.TempDir Path outside) throws Exception {
        start(workspace);
        String runId = newRun();
        Path run = workspace.runArtifactsDir().resolve("0").resolve(runId).resolve("artifacts");
        Files.createDirectories(run);
        Files.writeString(run.resolve("real.txt"), "12345");
        Path secret = Files.writeString(outside.resolve("secret.txt"), "x".repeat(4242));
        Files.createSymbolicLink(run.resolve("inside-link.txt"), run.resolve("real.txt"));
        Files.createSymbolicLink(run.resolve("outside-link.txt"), secret);
        Files.createSymbolicLink(run.resolve("dangling-link.txt"), run.resolve("gone.txt"));
        JsonNode files = wire.okGet("artifacts/list?run_id=" + runId).path("files");
        java.util.Map<String, JsonNode> byPath = new java.util.TreeMap<>();
        files.forEach(file -> byPath.put(file.path("path").asText(), file));
        assertThat(byPath).containsOnlyKeys("dangling-link.txt", "inside-link.txt", "outside-link.txt", "real.txt");
        assertThat(byPath.get("inside-link.txt").path("file_size").asLong()).isEqualTo(5);
        assertThat(byPath.get("outside-link.txt").has("file_size")).as("the size of a file outside the store")
                .isFalse();
        assertThat(byPath.get("dangling-link.txt").has("file_size")).isFalse();
        assertThat(files.toString()).doesNotContain("4242");
        MlflowWire.Answer out = wire.send("GET", "/api/2.0/mlflow-artifacts/artifacts/0/" + runId
                + "/artifacts/outside-link.txt", null);
        assertThat(out.status()).isEqualTo(400);
        assertThat(out.text()).doesNotContain("xxxx");
    }

    /** Names that are not well-formed Unicode, and overlong UTF-8 in a path, are refused; real pairs are kept. */
    @Test
    void loneSurrogatesAndOverlongUtf8AreRefused(Workspace workspace) throws Exception {
        start(workspace);
        assertThat(wire.post("experiments/create", "{\"name\": \"bad\\ud800name\"}").status()).isEqualTo(400);
        assertThat(wire.post("registered-models/create", "{\"name\": \"m\\udc00\"}").status()).isEqualTo(400);
        String runId = newRun();
        assertThat(wire.post("runs/log-parameter", "{\"run_id\": \"" + runId + "\", \"key\": \"k\\ud800\", "
                + "\"value\": \"v\"}").status()).isEqualTo(400);
        assertThat(wire.post("runs/update", "{\"run_id\": \"" + runId + "\", \"run_name\": \"r\\udfff\"}").status())
                .isEqualTo(400);
        String id = wire.ok("experiments/create", "{\"name\": \"smile \\ud83d\\ude00\"}").path("experiment_id")
                .asText();
        assertThat(wire.okGet("experiments/get?experiment_id=" + id).path("experiment").path("name").asText())
                .isEqualTo("smile \ud83d\ude00");
        String base = "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/";
        assertThat(wire.raw("PUT", base + "%C0%AFetc%C0%AFpasswd", new byte[] {1})).isEqualTo(400);
        assertThat(wire.raw("PUT", base + "%ED%A0%80.txt", new byte[] {1})).as("an encoded lone surrogate").isEqualTo(400);
    }
}
