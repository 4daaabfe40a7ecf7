package dev.cairn.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** logged-models/search as MLflow 3's client and web UI call it: filter grammar, datasets, order_by, pages. */
@ExtendWith(FreshWorkspaceExtension.class)
class LoggedModelSearchApiTest {

    private MlflowServer server;
    private MlflowWire wire;
    private final List<String> ids = new ArrayList<>();
    private String runId;

    @BeforeEach
    void start(Workspace workspace) throws Exception {
        TrackingServices tracking = TrackingServices.of(workspace);
        server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                MlflowServer.Options.defaults().withAddress("127.0.0.1", 0));
        wire = new MlflowWire(server.uri());
        runId = wire.ok("runs/create", "{\"experiment_id\": \"0\"}").path("run").path("info").path("run_id").asText();
        // Five models: rf-0..rf-4, depth i, type "sklearn" for even i, f1 0.5 + i/10 on "val", loss on "test".
        for (int i = 0; i < 5; i++) {
            String id = MlflowWire.ok(wire.send("POST", "/api/2.0/mlflow/logged-models", "{\"experiment_id\": \"0\", "
                    + "\"name\": \"rf-" + i + "\", \"source_run_id\": \"" + runId + "\", " + (i % 2 == 0
                    ? "\"model_type\": \"sklearn\", " : "") + "\"params\": [{\"key\": \"depth\", \"value\": \"" + i
                    + "\"}], \"tags\": [{\"key\": \"team\", \"value\": \"" + (i < 3 ? "risk" : "ops") + "\"}]}"), "create")
                    .path("model").path("info").path("model_id").asText();
            ids.add(id);
            wire.ok("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"f1\", \"value\": " + (0.5 + i / 10.0)
                    + ", \"timestamp\": " + (1000 + i) + ", \"model_id\": \"" + id + "\", \"dataset_name\": \"val\", "
                    + "\"dataset_digest\": \"d1\"}");
            wire.ok("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"loss\", \"value\": " + (5 - i)
                    + ", \"timestamp\": " + (1000 + i) + ", \"model_id\": \"" + id + "\", \"dataset_name\": \"test\"}");
            Thread.sleep(2); // distinct creation times, newest last
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> names(String body) throws Exception {
        return wire.ok("logged-models/search", body).path("models").findValuesAsText("name");
    }

    @Test
    void filtersOnAttributesParamsTagsAndMetrics() throws Exception {
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"name = 'rf-2'\"}")).containsExactly("rf-2");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"name LIKE 'rf-%' AND params.depth != '1'\"}"))
                .containsExactly("rf-4", "rf-3", "rf-2", "rf-0");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"attributes.model_id IN ('" + ids.get(1) + "', '"
                + ids.get(3) + "')\"}")).containsExactly("rf-3", "rf-1");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"tags.team = 'ops'\"}"))
                .containsExactly("rf-4", "rf-3");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"metrics.f1 >= 0.7 AND model_type = 'sklearn'\"}"))
                .containsExactly("rf-4", "rf-2");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"name ILIKE 'RF-1'\"}")).containsExactly("rf-1");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"creation_time > 0 AND status = "
                + "'LOGGED_MODEL_PENDING'\"}")).hasSize(5);
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"source_run_id = '" + runId + "'\"}")).hasSize(5);
    }

    @Test
    void aMetricClauseOnDatasetsCountsOnlyPointsMeasuredOnThem() throws Exception {
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"metrics.f1 > 0.6\", \"datasets\": "
                + "[{\"dataset_name\": \"val\", \"dataset_digest\": \"d1\"}]}")).containsExactly("rf-4", "rf-3", "rf-2");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"filter\": \"metrics.f1 > 0.6\", \"datasets\": "
                + "[{\"dataset_name\": \"test\"}]}")).isEmpty();
        assertThat(names("{\"experiment_ids\": [\"0\"], \"datasets\": [{\"dataset_name\": \"test\"}]}")).hasSize(5);
        assertThat(names("{\"experiment_ids\": [\"0\"], \"datasets\": [{\"dataset_name\": \"val\", "
                + "\"dataset_digest\": \"other\"}]}")).isEmpty();
    }

    @Test
    void ordersByAttributesAndByEachModelsLatestMetric() throws Exception {
        assertThat(names("{\"experiment_ids\": [\"0\"]}")).containsExactly("rf-4", "rf-3", "rf-2", "rf-1", "rf-0");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"order_by\": [{\"field_name\": \"creation_time\", "
                + "\"ascending\": true}]}")).containsExactly("rf-0", "rf-1", "rf-2", "rf-3", "rf-4");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"order_by\": [{\"field_name\": \"metrics.loss\"}]}"))
                .containsExactly("rf-4", "rf-3", "rf-2", "rf-1", "rf-0");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"order_by\": [{\"field_name\": \"metrics.f1\", "
                + "\"ascending\": false, \"dataset_name\": \"val\"}]}")).containsExactly("rf-4", "rf-3", "rf-2", "rf-1",
                "rf-0");
        assertThat(names("{\"experiment_ids\": [\"0\"], \"order_by\": [{\"field_name\": \"model_type\"}, "
                + "{\"field_name\": \"name\"}]}")).containsExactly("rf-0", "rf-2", "rf-4", "rf-1", "rf-3");
        assertThat(wire.post("logged-models/search", "{\"experiment_ids\": [\"0\"], \"order_by\": [{\"field_name\": "
                + "\"params.depth\"}]}").status()).isEqualTo(400);
    }

    @Test
    void pagesFollowTheirTokenAndATokenServesOnlyItsOwnSearch() throws Exception {
        String body = "{\"experiment_ids\": [\"0\"], \"max_results\": 2";
        JsonNode first = wire.ok("logged-models/search", body + "}");
        assertThat(first.path("models").findValuesAsText("name")).containsExactly("rf-4", "rf-3");
        String token = first.path("next_page_token").asText();
        JsonNode second = wire.ok("logged-models/search", body + ", \"page_token\": \"" + token + "\"}");
        assertThat(second.path("models").findValuesAsText("name")).containsExactly("rf-2", "rf-1");
        JsonNode third = wire.ok("logged-models/search", body + ", \"page_token\": \""
                + second.path("next_page_token").asText() + "\"}");
        assertThat(third.path("models").findValuesAsText("name")).containsExactly("rf-0");
        assertThat(third.has("next_page_token")).isFalse();
        MlflowWire.Answer other = wire.post("logged-models/search", "{\"experiment_ids\": [\"0\"], \"filter\": "
                + "\"name = 'rf-1'\", \"max_results\": 2, \"page_token\": \"" + token + "\"}");
        assertThat(other.status()).isEqualTo(400);
        assertThat(wire.post("logged-models/search", body + ", \"page_token\": \"not-a-token\"}").status())
                .isEqualTo(400);
    }

    @Test
    void mistakesAre400sNamingWhatIsWrong() throws Exception {
        for (String filter : new String[] {"metrics.f1 > 'high'", "name > 3", "nope = 'x'", "name = 'a' OR name = 'b'",
            "datasets.x = 'y'", "name = "}) {
            MlflowWire.Answer answer = wire.post("logged-models/search", "{\"experiment_ids\": [\"0\"], \"filter\": \""
                    + filter.replace("'", "'") + "\"}");
            assertThat(answer.status()).as(filter).isEqualTo(400);
            assertThat(answer.errorCode()).as(filter).isEqualTo("INVALID_PARAMETER_VALUE");
        }
        assertThat(wire.post("logged-models/search", "{\"experiment_ids\": [\"0\"], \"datasets\": [{}]}").status())
                .isEqualTo(400);
        assertThat(wire.post("logged-models/search", "{\"filter\": \"name = 'x'\"}").status()).isEqualTo(400);
        MlflowWire.Answer badName = wire.send("POST", "/api/2.0/mlflow/logged-models", "{\"experiment_id\": \"0\", "
                + "\"name\": \"a/b\"}");
        assertThat(badName.status()).isEqualTo(400);
    }
}
