package dev.cairn.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MLflow 3's Python client running the seeds' training script against Cairn, replayed request by request over a
 * real socket in the order the client sends them (read from MLflow 3.11's rest_store.py, fluent.py, model.py,
 * _model_registry/fluent.py and http_artifact_repo.py): set_experiment, start_run, log_params, log_metric,
 * log_artifact, sklearn.log_model (logged model, run outputs, re-logged metrics, files, finalize), a metric with
 * model_id, end_run, register_model from runs:/, an alias, load_model by models:/name@alias (download URI, listing,
 * files byte for byte), search_runs and search_logged_models; then the web UI's sampled chart histories. Each step
 * reads from the answer exactly what the client reads, and fails the way the client would.
 */
@ExtendWith(FreshWorkspaceExtension.class)
class Mlflow3ClientReplayTest {

    private static final long T0 = 1_777_000_000_000L;

    private MlflowServer server;
    private MlflowWire client;

    @BeforeEach
    void start(Workspace workspace) {
        TrackingServices tracking = TrackingServices.of(workspace);
        server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                MlflowServer.Options.defaults().withAddress("127.0.0.1", 0));
        client = new MlflowWire(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The files mlflow.sklearn.save_model writes, in an os.walk order (not sorted). */
    private static Map<String, byte[]> modelFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("MLmodel", ("artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n"
                + "    model_path: model.pkl\n  sklearn:\n    pickled_model: model.pkl\n    sklearn_version: 1.7.2\n"
                + "mlflow_version: 3.11.1\nmodel_id: MODEL_ID\nmodel_uuid: 0f3c\n").getBytes(StandardCharsets.UTF_8));
        byte[] pickle = new byte[70_000];
        for (int i = 0; i < pickle.length; i++) {
            pickle[i] = (byte) (i * 31 + 7);
        }
        files.put("model.pkl", pickle);
        files.put("conda.yaml", "channels:\n- conda-forge\ndependencies:\n- python=3.11.7\n".getBytes(StandardCharsets.UTF_8));
        files.put("python_env.yaml", "python: 3.11.7\n".getBytes(StandardCharsets.UTF_8));
        files.put("requirements.txt", "mlflow==3.11.1\nscikit-learn==1.7.2\n".getBytes(StandardCharsets.UTF_8));
        files.put("input_example.json", "{\"columns\": [\"a\", \"b\"], \"data\": [[1, 2], [3, 4]]}"
                .getBytes(StandardCharsets.UTF_8));
        files.put("serving_input_example.json", "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1, 2]]}}"
                .getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static String q(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theSeedsScriptLogsRegistersAndLoadsItsModel() throws Exception {
        // set_experiment("seeds"): #1 get-by-name answers RESOURCE_DOES_NOT_EXIST, #2 create, #3 get.
        MlflowWire.Answer missing = client.get("experiments/get-by-name?experiment_name=seeds");
        assertThat(missing.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        String e = client.ok("experiments/create", "{\"name\": \"seeds\"}").path("experiment_id").asText();
        JsonNode experiment = client.okGet("experiments/get?experiment_id=" + e).path("experiment");
        assertThat(experiment.path("lifecycle_stage").asText()).isEqualTo("active");
        assertThat(experiment.path("artifact_location").asText()).isEqualTo("mlflow-artifacts:/" + e);

        // start_run(run_name="rf"): #4 with the context tags the client resolves.
        JsonNode created = client.ok("runs/create", "{\"experiment_id\": \"" + e + "\", \"user_id\": \"ana\", "
                + "\"run_name\": \"rf\", \"start_time\": " + T0 + ", \"tags\": [{\"key\": \"mlflow.user\", \"value\": "
                + "\"ana\"}, {\"key\": \"mlflow.source.name\", \"value\": \"train.py\"}, {\"key\": \"mlflow.source.type\", "
                + "\"value\": \"LOCAL\"}, {\"key\": \"mlflow.runName\", \"value\": \"rf\"}]}").path("run");
        String r = created.path("info").path("run_id").asText();
        assertThat(created.path("info").path("experiment_id").asText()).isEqualTo(e);

        // log_params (#5), log_metric (#6).
        client.ok("runs/log-batch", "{\"run_id\": \"" + r + "\", \"params\": [{\"key\": \"n_estimators\", \"value\": "
                + "\"100\"}, {\"key\": \"max_depth\", \"value\": \"5\"}]}");
        client.ok("runs/log-metric", "{\"run_uuid\": \"" + r + "\", \"key\": \"accuracy\", \"value\": 0.93, "
                + "\"timestamp\": " + (T0 + 123) + ", \"step\": 0, \"run_id\": \"" + r + "\"}");

        // log_artifact("report.txt"): #7 runs/get for the artifact URI, #8 PUT through the proxy.
        String runArtifacts = client.okGet("runs/get?run_uuid=" + r + "&run_id=" + r).path("run").path("info")
                .path("artifact_uri").asText();
        assertThat(runArtifacts).isEqualTo("mlflow-artifacts:/" + e + "/" + r + "/artifacts");
        byte[] report = "accuracy 0.93\n".getBytes(StandardCharsets.UTF_8);
        assertThat(client.put(proxied(runArtifacts) + "/report.txt", report).status()).isEqualTo(200);

        // sklearn.log_model(model, name="model"): #9 the run's params become the model's.
        JsonNode params = client.okGet("runs/get?run_uuid=" + r + "&run_id=" + r).path("run").path("data")
                .path("params");
        JsonNode model = MlflowWire.ok(client.send("POST", "/api/2.0/mlflow/logged-models", "{\"experiment_id\": \""
                + e + "\", \"name\": \"model\", \"source_run_id\": \"" + r + "\", \"params\": " + params + ", "
                + "\"tags\": [{\"key\": \"mlflow.user\", \"value\": \"ana\"}, {\"key\": \"mlflow.source.name\", "
                + "\"value\": \"train.py\"}, {\"key\": \"mlflow.source.type\", \"value\": \"LOCAL\"}]}"), "#10")
                .path("model");
        String m = model.path("info").path("model_id").asText();
        assertThat(m).matches("m-[0-9a-f]{32}");
        assertThat(model.path("info").path("status").asText()).isEqualTo("LOGGED_MODEL_PENDING");
        String modelArtifacts = model.path("info").path("artifact_uri").asText();
        assertThat(modelArtifacts).isEqualTo("mlflow-artifacts:/" + e + "/models/" + m + "/artifacts");
        assertThat(model.path("data").path("params").findValuesAsText("key")).containsExactlyInAnyOrder(
                "n_estimators", "max_depth");
        // #11 runs/outputs.
        client.ok("runs/outputs", "{\"run_id\": \"" + r + "\", \"models\": [{\"model_id\": \"" + m + "\", \"step\": 0}]}");
        // #12-#14: the run's step-0 metrics logged again with the model's id.
        JsonNode runMetrics = client.okGet("runs/get?run_uuid=" + r + "&run_id=" + r).path("run").path("data")
                .path("metrics");
        List<String> relogged = new ArrayList<>();
        for (String key : runMetrics.findValuesAsText("key")) {
            JsonNode history = client.okGet("metrics/get-history?run_uuid=" + r + "&metric_key=" + key + "&run_id=" + r
                    + "&max_results=25000");
            for (JsonNode point : history.path("metrics")) {
                if (point.path("step").asLong() == 0 && !point.has("model_id")) {
                    relogged.add("{\"key\": \"" + key + "\", \"value\": " + point.path("value") + ", \"timestamp\": "
                            + point.path("timestamp") + ", \"step\": 0, \"model_id\": \"" + m + "\"}");
                }
            }
        }
        assertThat(relogged).hasSize(1);
        client.ok("runs/log-batch", "{\"run_id\": \"" + r + "\", \"metrics\": [" + String.join(", ", relogged) + "]}");
        // #15 the model's artifact URI, #16 one PUT per file, #17 finalize READY.
        assertThat(MlflowWire.ok(client.send("GET", "/api/2.0/mlflow/logged-models/" + m, null), "#15").path("model")
                .path("info").path("artifact_uri").asText()).isEqualTo(modelArtifacts);
        Map<String, byte[]> files = modelFiles();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(client.put(proxied(modelArtifacts) + "/" + file.getKey(), file.getValue()).status())
                    .as(file.getKey()).isEqualTo(200);
        }
        JsonNode ready = MlflowWire.ok(client.send("PATCH", "/api/2.0/mlflow/logged-models/" + m, "{\"model_id\": \""
                + m + "\", \"status\": \"LOGGED_MODEL_READY\"}"), "#17").path("model");
        assertThat(ready.path("info").path("status").asText()).isEqualTo("LOGGED_MODEL_READY");

        // log_metric("val_f1", 0.9, model_id=...): #18 links the model as an input first, #19 the metric.
        client.ok("runs/log-inputs", "{\"run_id\": \"" + r + "\", \"models\": [{\"model_id\": \"" + m + "\"}]}");
        client.ok("runs/log-metric", "{\"run_uuid\": \"" + r + "\", \"key\": \"val_f1\", \"value\": 0.9, \"timestamp\": "
                + (T0 + 5000) + ", \"step\": 0, \"run_id\": \"" + r + "\", \"model_id\": \"" + m + "\"}");

        // end_run: #20 runs/get (the "View run" link), #21 update FINISHED.
        JsonNode finished = client.okGet("runs/get?run_uuid=" + r + "&run_id=" + r).path("run");
        assertThat(finished.path("outputs").path("model_outputs").get(0).path("model_id").asText()).isEqualTo(m);
        assertThat(finished.path("inputs").path("model_inputs").get(0).path("model_id").asText()).isEqualTo(m);
        assertThat(client.okGet("metrics/get-history?run_id=" + r + "&metric_key=accuracy").path("metrics"))
                .as("the re-logged point is not doubled in the run").hasSize(1);
        client.ok("runs/update", "{\"run_uuid\": \"" + r + "\", \"status\": \"FINISHED\", \"end_time\": " + (T0 + 9000)
                + ", \"run_id\": \"" + r + "\"}");

        // register_model("runs:/R/model", "seeds-rf"): #22 create, #23 runs/get, #24 no MLmodel under runs:/R/model
        // (a 200 listing, not a 404), #25 runs/get, #26 the logged models named "model", #27 the version.
        client.ok("registered-models/create", "{\"name\": \"seeds-rf\"}");
        String runModelDir = client.okGet("runs/get?run_uuid=" + r + "&run_id=" + r).path("run").path("info")
                .path("artifact_uri").asText() + "/model";
        MlflowWire.Answer listing = client.send("GET", "/api/2.0/mlflow-artifacts/artifacts?path="
                + q(runModelDir.substring("mlflow-artifacts:/".length())), null);
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.json().path("files").findValuesAsText("path")).doesNotContain("MLmodel");
        client.okGet("runs/get?run_uuid=" + r + "&run_id=" + r);
        JsonNode found = client.ok("logged-models/search", "{\"experiment_ids\": [\"" + e + "\"], \"filter\": "
                + "\"name = 'model'\"}");
        assertThat(found.path("models")).hasSize(1);
        assertThat(found.path("models").get(0).path("info").path("source_run_id").asText()).isEqualTo(r);
        assertThat(found.has("next_page_token")).isFalse();
        JsonNode version = client.ok("model-versions/create", "{\"name\": \"seeds-rf\", \"source\": \"models:/" + m
                + "\", \"run_id\": \"" + r + "\", \"model_id\": \"" + m + "\"}").path("model_version");
        assertThat(version.path("version").asText()).isEqualTo("1");
        assertThat(version.path("status").asText()).isEqualTo("READY");
        // #28-#30: the client appends the version to the model's mlflow.modelVersions tag.
        JsonNode tagged = MlflowWire.ok(client.send("GET", "/api/2.0/mlflow/logged-models/" + m, null), "#28")
                .path("model").path("info");
        String versionsTag = tag(tagged, "mlflow.modelVersions");
        assertThat(versionsTag).isEqualTo("[{\"name\":\"seeds-rf\",\"version\":\"1\"}]");
        MlflowWire.ok(client.send("GET", "/api/2.0/mlflow/logged-models/" + m, null), "#29");
        MlflowWire.ok(client.send("PATCH", "/api/2.0/mlflow/logged-models/" + m + "/tags", "{\"tags\": [{\"key\": "
                + "\"mlflow.modelVersions\", \"value\": \"[{\\\"name\\\": \\\"seeds-rf\\\", \\\"version\\\": \\\"1\\\"}, "
                + "{\\\"name\\\": \\\"seeds-rf\\\", \\\"version\\\": \\\"1\\\"}]\"}]}"), "#30");
        assertThat(MlflowWire.ok(client.send("GET", "/api/2.0/mlflow/logged-models/" + m, null), "registrations")
                .path("model").path("info").path("registrations")).hasSize(1);

        // set_registered_model_alias: #31 the prompt check, #32 the alias.
        assertThat(client.okGet("registered-models/get?name=seeds-rf").path("registered_model").path("tags")
                .findValuesAsText("key")).doesNotContain("mlflow.prompt.is_prompt");
        client.ok("registered-models/alias", "{\"name\": \"seeds-rf\", \"alias\": \"champion\", \"version\": \"1\"}");

        // pyfunc.load_model("models:/seeds-rf@champion"): #33 alias, #34 prompt check, #35 download URI, #36-#37 the
        // listing (twice), #38 every file.
        String aliased = client.okGet("registered-models/alias?name=seeds-rf&alias=champion").path("model_version")
                .path("version").asText();
        client.okGet("registered-models/get?name=seeds-rf");
        String downloadUri = client.okGet("model-versions/get-download-uri?name=seeds-rf&version=" + aliased)
                .path("artifact_uri").asText();
        assertThat(downloadUri).isEqualTo(modelArtifacts);
        String root = downloadUri.substring("mlflow-artifacts:/".length());
        JsonNode rootListing = MlflowWire.ok(client.send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + q(root),
                null), "#36");
        MlflowWire.ok(client.send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + q(root), null), "#37");
        List<String> listed = new ArrayList<>();
        for (JsonNode entry : rootListing.path("files")) {
            assertThat(entry.path("is_dir").asBoolean()).isFalse();
            assertThat(entry.path("path").asText()).doesNotContain("/");
            listed.add(entry.path("path").asText());
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(files.keySet());
        for (String name : listed) {
            assertThat(client.download("/api/2.0/mlflow-artifacts/artifacts/" + root + "/" + name)).as(name)
                    .isEqualTo(files.get(name));
        }

        // search_runs(filter_string="metrics.accuracy > 0.5", order_by=["metrics.accuracy DESC"]): #39.
        JsonNode runs = client.ok("runs/search", "{\"experiment_ids\": [\"" + e + "\"], \"filter\": "
                + "\"metrics.accuracy > 0.5\", \"run_view_type\": \"ACTIVE_ONLY\", \"max_results\": 10000, "
                + "\"order_by\": [\"metrics.accuracy DESC\"]}").path("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("info").path("status").asText()).isEqualTo("FINISHED");
        assertThat(runs.get(0).path("outputs").path("model_outputs").get(0).path("model_id").asText()).isEqualTo(m);
        assertThat(client.ok("runs/search", "{\"experiment_ids\": [\"" + e + "\"], \"filter\": \"metrics.accuracy > "
                + "0.95\", \"max_results\": 10000}").path("runs")).isEmpty();

        // search_logged_models(filter_string="metrics.val_f1 > 0.5"): #40.
        JsonNode models = client.ok("logged-models/search", "{\"experiment_ids\": [\"" + e + "\"], \"filter\": "
                + "\"metrics.val_f1 > 0.5\"}").path("models");
        assertThat(models).hasSize(1);
        JsonNode metrics = models.get(0).path("data").path("metrics");
        assertThat(metrics.findValuesAsText("key")).containsExactly("accuracy", "val_f1");
        assertThat(client.ok("logged-models/search", "{\"experiment_ids\": [\"" + e + "\"], \"filter\": "
                + "\"metrics.val_f1 > 0.95\"}").path("models")).isEmpty();

        // The run page of MLflow's web UI: the proxied report, and the model's files listed by id.
        assertThat(client.download("/get-artifact?path=report.txt&run_uuid=" + r)).isEqualTo(report);
        assertThat(client.download("/model-versions/get-artifact?path=MLmodel&name=seeds-rf&version=1"))
                .isEqualTo(files.get("MLmodel"));
        assertThat(client.download("/ajax-api/2.0/mlflow/logged-models/" + m + "/artifacts/files?artifact_file_path="
                + "conda.yaml")).isEqualTo(files.get("conda.yaml"));
        JsonNode directories = MlflowWire.ok(client.send("GET", "/ajax-api/2.0/mlflow/logged-models/" + m
                + "/artifacts/directories", null), "directories");
        assertThat(directories.path("root_uri").asText()).isEqualTo(modelArtifacts);
        assertThat(directories.path("files").findValuesAsText("path")).containsExactlyInAnyOrderElementsOf(files.keySet());
    }

    @Test
    void theWebUiChartsSampledHistoriesOfSeveralRuns() throws Exception {
        String first = client.ok("runs/create", "{\"experiment_id\": \"0\"}").path("run").path("info").path("run_id")
                .asText();
        String second = client.ok("runs/create", "{\"experiment_id\": \"0\"}").path("run").path("info").path("run_id")
                .asText();
        logSteps(first, 0, 1000);
        logSteps(second, 500, 1500);
        JsonNode sampled = MlflowWire.ok(client.send("GET", "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval"
                + "?run_ids=" + first + "&run_ids=" + second + "&metric_key=loss&max_results=10", null), "bulk");
        List<Long> firstSteps = new ArrayList<>();
        List<Long> secondSteps = new ArrayList<>();
        for (JsonNode point : sampled.path("metrics")) {
            (point.path("run_id").asText().equals(first) ? firstSteps : secondSteps).add(point.path("step").asLong());
            assertThat(point.path("key").asText()).isEqualTo("loss");
        }
        // Of steps 0..1499, 10 evenly spaced (every 150th) plus the last, and each run's first and last step (0 and
        // 999, 500 and 1499), as MLflow's rule gives them (computed with its code in Python).
        assertThat(firstSteps).containsExactly(0L, 150L, 300L, 450L, 500L, 600L, 750L, 900L, 999L);
        assertThat(secondSteps).containsExactly(500L, 600L, 750L, 900L, 999L, 1050L, 1200L, 1350L, 1499L);

        JsonNode ranged = client.okGet("metrics/get-history-bulk-interval?run_ids=" + first
                + "&metric_key=loss&start_step=10&end_step=14");
        assertThat(ranged.path("metrics").findValuesAsText("step")).containsExactly("10", "11", "12", "13", "14");
        assertThat(client.get("metrics/get-history-bulk-interval?run_ids=" + first + "&metric_key=loss&start_step=3")
                .status()).isEqualTo(400);
        assertThat(client.get("metrics/get-history-bulk-interval?run_ids=" + first + "&metric_key=loss&max_results=2501")
                .status()).isEqualTo(400);
        assertThat(client.get("metrics/get-history-bulk-interval?run_ids=nope&metric_key=loss").errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(client.okGet("metrics/get-history-bulk-interval?run_ids=" + first + "&metric_key=other").size())
                .isZero();
    }

    /**
     * register_model("runs:/R/model") when the run logged two models under the same name: the client searches the
     * logged models named "model", keeps those of the run, and takes the one the run's outputs give the highest step.
     */
    @Test
    void aRunThatLoggedSeveralModelsRegistersTheOneItsOutputsNameLast() throws Exception {
        String r = client.ok("runs/create", "{\"experiment_id\": \"0\"}").path("run").path("info").path("run_id")
                .asText();
        List<String> ids = new ArrayList<>();
        for (int step : new int[] {0, 5}) {
            String id = MlflowWire.ok(client.send("POST", "/api/2.0/mlflow/logged-models", "{\"experiment_id\": \"0\", "
                    + "\"name\": \"model\", \"source_run_id\": \"" + r + "\"}"), "create").path("model").path("info")
                    .path("model_id").asText();
            client.ok("runs/outputs", "{\"run_id\": \"" + r + "\", \"models\": [{\"model_id\": \"" + id
                    + "\", \"step\": " + step + "}]}");
            ids.add(id);
        }
        JsonNode found = client.ok("logged-models/search", "{\"experiment_ids\": [\"0\"], \"filter\": "
                + "\"name = 'model'\"}").path("models");
        assertThat(found.findValuesAsText("source_run_id")).containsOnly(r).hasSize(2);
        JsonNode outputs = client.okGet("runs/get?run_uuid=" + r + "&run_id=" + r).path("run").path("outputs")
                .path("model_outputs");
        String chosen = null;
        long highest = -1;
        for (JsonNode output : outputs) {
            if (output.path("step").asLong() > highest) {
                highest = output.path("step").asLong();
                chosen = output.path("model_id").asText();
            }
        }
        assertThat(chosen).isEqualTo(ids.get(1));
        client.ok("registered-models/create", "{\"name\": \"two\"}");
        client.ok("model-versions/create", "{\"name\": \"two\", \"source\": \"models:/" + chosen + "\", "
                + "\"run_id\": \"" + r + "\", \"model_id\": \"" + chosen + "\"}");
        assertThat(client.okGet("model-versions/get-download-uri?name=two&version=1").path("artifact_uri").asText())
                .isEqualTo("mlflow-artifacts:/0/models/" + chosen + "/artifacts");
    }

    private void logSteps(String runId, int from, int to) throws Exception {
        for (int start = from; start < to; start += 500) {
            StringBuilder batch = new StringBuilder("{\"run_id\": \"" + runId + "\", \"metrics\": [");
            for (int step = start; step < Math.min(to, start + 500); step++) {
                batch.append(step == start ? "" : ", ").append("{\"key\": \"loss\", \"value\": ").append(1.0 / (step + 1))
                        .append(", \"timestamp\": ").append(T0 + step).append(", \"step\": ").append(step).append('}');
            }
            client.ok("runs/log-batch", batch.append("]}").toString());
        }
    }

    /** The proxy URL the client builds from an artifact URI (MlflowArtifactsRepository.resolve_uri). */
    private static String proxied(String artifactUri) {
        return "/api/2.0/mlflow-artifacts/artifacts/" + artifactUri.substring("mlflow-artifacts:/".length());
    }

    private static String tag(JsonNode info, String key) {
        for (JsonNode tag : info.path("tags")) {
            if (tag.path("key").asText().equals(key)) {
                return tag.path("value").asText();
            }
        }
        return null;
    }
}
