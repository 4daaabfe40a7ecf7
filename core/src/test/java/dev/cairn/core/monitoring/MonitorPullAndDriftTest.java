package dev.cairn.core.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.testing.IrisTraffic;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.runtime.server.ModelServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A real model server's prediction log pulled over HTTP into a real H2 file, then compared window by window. */
@ExtendWith(FreshWorkspaceExtension.class)
class MonitorPullAndDriftTest {

    @TempDir
    Path folder;

    @Test
    void pullsIncrementallyAndFindsTheShiftedWindows(Workspace workspace) throws Exception {
        IrisTraffic traffic = new IrisTraffic(42);
        Path reference = IrisTraffic.writeCsv(folder.resolve("reference.csv"), traffic.rows(300, false));
        PredictionMonitor monitor = PredictionMonitor.of(workspace.store(), Clock.systemUTC());
        try (ModelServer server = IrisTraffic.startServer(folder.resolve("log"))) {
            String url = server.baseUri().toString();
            traffic.send(server.baseUri(), traffic.rows(300, false), 10);

            PredictionPuller.PullResult first = monitor.pull("iris-prod", url, ProgressListener.NONE,
                    Cancellation.NEVER);
            assertThat(first.added()).isEqualTo(30);
            assertThat(first.malformed()).isZero();
            PredictionPuller.PullResult again = monitor.pull("iris-prod", url, ProgressListener.NONE,
                    Cancellation.NEVER);
            assertThat(again.added()).as("the same lines are never stored twice").isZero();

            traffic.send(server.baseUri(), traffic.rows(200, true), 10);
            PredictionPuller.PullResult later = monitor.pull("iris-prod", url, ProgressListener.NONE,
                    Cancellation.NEVER);
            assertThat(later.added()).isEqualTo(20);
            assertThat(later.received()).as("since= is the last time pulled, so only the new lines and the "
                    + "boundary millisecond's come again").isLessThan(30);
            assertThat(later.source().predictions()).isEqualTo(50);
            assertThat(later.source().lastTime()).isNotNull();
        }

        PredictionMonitor.Analysis analysis = monitor.analyse("iris-prod", reference,
                MonitoringSettings.of(Windowing.everyRows(100)), ProgressListener.NONE, Cancellation.NEVER);
        MonitoringResult result = analysis.result();
        assertThat(result.rows()).isEqualTo(500);
        assertThat(result.compared()).containsExactlyElementsOf(IrisTraffic.FEATURES);
        assertThat(result.ignored()).containsExactly("output_label", "prob_0", "prob_1", "prob_2");
        assertThat(result.windows()).extracting(WindowDrift::rows).containsExactly(100, 100, 100, 100, 100);
        assertThat(result.windows()).extracting(WindowDrift::datasetDrift)
                .containsExactly(false, false, false, true, true);
        assertThat(result.windows().get(0).driftedShare()).isLessThan(0.5);
        assertThat(result.windows().get(4).columns()).filteredOn(c -> c.column().equals("petal_length"))
                .singleElement().satisfies(c -> assertThat(c.drifted()).isTrue());
        assertThat(result.latestTested()).get().extracting(WindowDrift::datasetDrift).isEqualTo(true);

        assertThat(analysis.newAlerts()).hasSize(2).allSatisfy(alert -> assertThat(alert.reason())
                .startsWith("dataset drift: "));
        assertThat(monitor.alerts().list("iris-prod")).hasSize(2);
        PredictionMonitor.Analysis repeated = monitor.analyse("iris-prod", reference,
                MonitoringSettings.of(Windowing.everyRows(100)), ProgressListener.NONE, Cancellation.NEVER);
        assertThat(repeated.newAlerts()).as("an alert is raised once per window").isEmpty();

        // Windows of 300 rows: the first is clean, the second (200 rows, all shifted) drifts; by hour it is one window.
        List<WindowDrift> larger = monitor.analyse("iris-prod", reference, MonitoringSettings.of(
                Windowing.everyRows(300)), ProgressListener.NONE, Cancellation.NEVER).result().windows();
        assertThat(larger).extracting(WindowDrift::datasetDrift).containsExactly(false, true);
        List<WindowDrift> hourly = monitor.analyse("iris-prod", reference, MonitoringSettings.of(Windowing.hourly()),
                ProgressListener.NONE, Cancellation.NEVER).result().windows();
        assertThat(hourly).hasSizeBetween(1, 2); // two only when the test ran across the full hour
        assertThat(hourly.stream().mapToInt(WindowDrift::rows).sum()).isEqualTo(500);
    }

    @Test
    void windowsBelowTheMinimumAreMarkedTooSmallAndNeverAlert(Workspace workspace) throws Exception {
        IrisTraffic traffic = new IrisTraffic(7);
        Path reference = IrisTraffic.writeCsv(folder.resolve("reference.csv"), traffic.rows(150, false));
        PredictionMonitor monitor = PredictionMonitor.of(workspace.store(), Clock.systemUTC());
        try (ModelServer server = IrisTraffic.startServer(folder.resolve("log"))) {
            traffic.send(server.baseUri(), traffic.rows(50, true), 5);
            monitor.pull("small", server.baseUri().toString(), ProgressListener.NONE, Cancellation.NEVER);
        }
        PredictionMonitor.Analysis analysis = monitor.analyse("small", reference, MonitoringSettings.of(
                Windowing.everyRows(20)), ProgressListener.NONE, Cancellation.NEVER);
        assertThat(analysis.result().windows()).extracting(WindowDrift::rows).containsExactly(20, 20, 10);
        assertThat(analysis.result().windows()).allSatisfy(window -> {
            assertThat(window.tooSmall()).isTrue();
            assertThat(window.driftedShare()).isNaN();
        });
        assertThat(analysis.result().latestTested()).isEmpty();
        assertThat(analysis.newAlerts()).isEmpty();
    }
}
