package dev.cairn.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.RunsPage;

/** The official MLflow Java client against a real Cairn server socket. */
@ExtendWith(FreshWorkspaceExtension.class)
class MlflowJavaClientTest {

    private MlflowServer server;
    private MlflowClient client;

    @BeforeEach
    void start(Workspace workspace) {
        TrackingServices tracking = TrackingServices.of(workspace);
        server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                MlflowServer.Options.defaults().withAddress("127.0.0.1", 0));
        client = new MlflowClient(server.uri().toString());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void experimentsCreateGetRenameDeleteRestore() {
        String id = client.createExperiment("java-client");
        assertThat(client.getExperiment(id).getName()).isEqualTo("java-client");
        assertThat(client.getExperimentByName("java-client")).map(Service.Experiment::getExperimentId).contains(id);
        assertThat(client.getExperimentByName("no such experiment")).isEmpty();
        client.setExperimentTag(id, "team", "growth");
        assertThat(client.getExperiment(id).getTagsList()).extracting(Service.ExperimentTag::getValue).contains("growth");

        client.renameExperiment(id, "java-client-renamed");
        assertThat(client.getExperiment(id).getName()).isEqualTo("java-client-renamed");
        client.deleteExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
        client.restoreExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("active");

        assertThat(client.searchExperiments("name LIKE 'java-%'").getItems())
                .extracting(Service.Experiment::getExperimentId).containsExactly(id);
        assertThatThrownBy(() -> client.createExperiment("java-client-renamed"))
                .isInstanceOf(MlflowClientException.class).hasMessageContaining("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void runsParamsMetricsBatchesTagsHistoryAndLifecycle() {
        String experiment = client.createExperiment("training");
        Service.RunInfo info = client.createRun(experiment);
        String runId = info.getRunId();
        assertThat(info.getStatus()).isEqualTo(Service.RunStatus.RUNNING);
        assertThat(info.getRunName()).isNotEmpty();

        client.logParam(runId, "lr", "0.01");
        client.logMetric(runId, "loss", 0.9, 1000, 0);
        client.logMetric(runId, "loss", Double.NaN, 1001, 1);
        List<Service.Metric> metrics = new ArrayList<>();
        for (int step = 2; step < 502; step++) {
            metrics.add(Service.Metric.newBuilder().setKey("loss").setValue(1.0 / step).setTimestamp(1000 + step).setStep(step).build());
        }
        client.logBatch(runId, metrics, List.of(Service.Param.newBuilder().setKey("depth").setValue("6").build()),
                List.of(Service.RunTag.newBuilder().setKey("stage").setValue("dev").build()));
        client.setTag(runId, "owner", "ana");
        client.deleteTag(runId, "owner");

        Service.Run run = client.getRun(runId);
        assertThat(run.getData().getParamsList()).extracting(Service.Param::getKey).containsExactlyInAnyOrder("lr", "depth");
        assertThat(run.getData().getTagsList()).extracting(Service.RunTag::getKey).contains("stage").doesNotContain("owner");
        assertThat(run.getData().getMetricsList()).singleElement().satisfies(m -> {
            assertThat(m.getStep()).isEqualTo(501);
            assertThat(m.getValue()).isEqualTo(1.0 / 501);
        });
        List<Service.Metric> history = client.getMetricHistory(runId, "loss");
        assertThat(history).hasSize(502);
        assertThat(history.get(1).getValue()).isNaN();

        assertThatThrownBy(() -> client.logParam(runId, "lr", "0.02"))
                .isInstanceOf(MlflowClientException.class).hasMessageContaining("INVALID_PARAMETER_VALUE");

        client.setTerminated(runId, Service.RunStatus.FINISHED);
        assertThat(client.getRun(runId).getInfo().getStatus()).isEqualTo(Service.RunStatus.FINISHED);
        assertThat(client.getRun(runId).getInfo().getEndTime()).isPositive();
        client.deleteRun(runId);
        assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
        client.restoreRun(runId);
        assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("active");

        assertThatThrownBy(() -> client.getRun("0123456789abcdef0123456789abcdef"))
                .isInstanceOf(MlflowClientException.class).hasMessageContaining("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void searchFiltersOrdersAndPages() {
        String experiment = client.createExperiment("sweep");
        for (int i = 0; i < 5; i++) {
            String runId = client.createRun(experiment).getRunId();
            client.logMetric(runId, "rmse", 1.0 + i, 1, 0);
            client.logParam(runId, "depth", Integer.toString(i));
        }
        RunsPage page = client.searchRuns(List.of(experiment), "metrics.rmse >= 2 AND params.depth != '4'",
                Service.ViewType.ACTIVE_ONLY, 2, List.of("metrics.rmse DESC"));
        assertThat(page.getItems()).extracting(r -> r.getData().getParams(0).getValue()).containsExactly("3", "2");
        assertThat(page.hasNextPage()).isTrue();
        RunsPage next = client.searchRuns(List.of(experiment), "metrics.rmse >= 2 AND params.depth != '4'",
                Service.ViewType.ACTIVE_ONLY, 2, List.of("metrics.rmse DESC"), page.getNextPageToken().orElseThrow());
        assertThat(next.getItems()).extracting(r -> r.getData().getParams(0).getValue()).containsExactly("1");
        assertThat(next.hasNextPage()).isFalse();

        assertThatThrownBy(() -> client.searchRuns(List.of(experiment), "metrics.rmse >>> 2", Service.ViewType.ACTIVE_ONLY, 10))
                .isInstanceOf(MlflowClientException.class).hasMessageContaining("position");
    }
}
