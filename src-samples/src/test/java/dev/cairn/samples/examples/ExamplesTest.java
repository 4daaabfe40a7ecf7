package dev.cairn.samples.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.mlflow.MlflowServer;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.testdata.TestData;
import dev.cairn.core.tracking.MetricSeries;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflow.tracking.MlflowClient;

/** The example programs against a real workspace: what they log and register is there afterwards. */
@ExtendWith(FreshWorkspaceExtension.class)
class ExamplesTest {

    @Test
    void theTrainingExampleLogsThroughMlflowsJavaClient(Workspace workspace) {
        TrackingServices tracking = TrackingServices.of(workspace);
        try (MlflowServer server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                MlflowServer.Options.defaults().withAddress("127.0.0.1", 0))) {
            String runId = LogTrainingRun.train(new MlflowClient(server.uri().toString()), "example", 0.5, 40);

            Run run = tracking.runs().get(runId);
            assertThat(run.info().status().name()).isEqualTo("FINISHED");
            assertThat(run.params()).containsEntry("learning_rate", "0.5").containsEntry("epochs", "40");
            MetricSeries loss = tracking.log().series(runId, "loss");
            assertThat(loss.size()).isEqualTo(40);
            assertThat(loss.values()[39]).isLessThan(loss.values()[0]); // it learned
            assertThat(run.metricRanges().get("accuracy").max()).isGreaterThan(0.8);
        }
    }

    @Test
    void theRegistryExampleRegistersAndBenchmarks(Workspace workspace) throws InterruptedException {
        RegisterBenchmarkDeploy.run(workspace, TestData.model("tribuo_iris_lr.onnx"), "iris-example");

        TrackingServices tracking = TrackingServices.of(workspace);
        assertThat(RegistryServices.of(workspace, tracking).registry().versions("iris-example")).hasSize(1);
        assertThat(new BenchmarkStore(workspace.store(), Clock.systemUTC()).list("iris-example")).hasSize(1);
    }
}
