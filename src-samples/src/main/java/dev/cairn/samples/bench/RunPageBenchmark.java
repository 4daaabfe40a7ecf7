package dev.cairn.samples.bench;

import dev.cairn.app.AppServices;
import dev.cairn.app.shell.Theme;
import dev.cairn.app.tracking.ExperimentsViewModel;
import dev.cairn.app.tracking.RunView;
import dev.cairn.app.tracking.RunViewModel;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.RunInfo;
import dev.cairn.core.tracking.RunStatus;
import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.TrackingImport;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Times the run page and the run table on real volumes, in a real window (run it under Xvfb on a server):
 * a run with 10 metrics x 100,000 steps, from asking for the page to the first frame with every chart
 * drawn from all its points; and an experiment of 10,000 runs, from selecting it to the first page of
 * the table and to all 10,000 rows through paging.
 *
 * <p>Run: {@code xvfb-run java -cp src-samples/target/cairn-samples.jar dev.cairn.samples.bench.RunPageBenchmark [metrics] [steps] [runs]}
 */
public final class RunPageBenchmark {

    private RunPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int metrics = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runCount = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        PrintStream out = System.out;
        Path home = ScratchWorkspace.create("cairn-run-page-bench");
        try (Workspace workspace = Workspace.open(home); AppServices services = new AppServices(workspace)) {
            TrackingServices tracking = services.tracking();
            long seedStart = System.nanoTime();
            String runId = seedLongRun(tracking, metrics, steps);
            String experimentId = seedManyRuns(workspace, tracking, runCount);
            out.printf(Locale.ROOT, "Seeded %d metrics x %,d steps and %,d runs in %.1f s (workspace %s)%n", metrics, steps,
                    runCount, (System.nanoTime() - seedStart) / 1e9, home);

            Platform.startup(() -> { });
            Platform.setImplicitExit(false); // each timed page closes its window; the toolkit must outlive them
            for (int round = 1; round <= 3; round++) {
                double[] page = timeRunPage(services, runId, metrics);
                out.printf(Locale.ROOT, "Run page %d: %.0f ms to the first frame with %d charts drawn (%,d points each, "
                        + "all kept; the database read took %.0f ms)%n", round, page[0], metrics, steps, page[1]);
            }
            for (int round = 1; round <= 2; round++) {
                double[] table = timeRunTable(services, experimentId, runCount);
                out.printf(Locale.ROOT, "Run table %d: first page of 500 runs in %.0f ms, all %,d runs in %.0f ms%n",
                        round, table[0], runCount, table[1]);
            }
            Platform.exit();
        }
    }

    private static String seedLongRun(TrackingServices tracking, int metrics, int steps) {
        String runId = tracking.runs().create("0", "bench", "long-run", 1_700_000_000_000L, Map.of()).info().runId();
        int stepsPerBatch = Math.max(1, 1000 / metrics); // log-batch takes at most 1000 points
        for (int from = 0; from < steps; from += stepsPerBatch) {
            List<Metric> batch = new ArrayList<>();
            int to = Math.min(steps, from + stepsPerBatch);
            for (int step = from; step < to; step++) {
                for (int m = 0; m < metrics; m++) {
                    batch.add(new Metric("metric_" + m, Math.sin(step / 500.0 + m) + m, 1_700_000_000_000L + step * 100L, step));
                }
            }
            tracking.log().logBatch(runId, batch, List.of(), List.of());
        }
        return runId;
    }

    private static String seedManyRuns(Workspace workspace, TrackingServices tracking, int runs) {
        String experimentId = tracking.experiments().create("many-runs", null, Map.of());
        TrackingImport writer = new TrackingImport(workspace.store());
        for (int i = 0; i < runs; i++) {
            String id = UUID.randomUUID().toString().replace("-", "");
            writer.insertRun(new RunInfo(id, "run-" + i, experimentId, "bench", RunStatus.FINISHED, 1_700_000_000_000L + i,
                    1_700_000_060_000L + i, "mlflow-artifacts:/" + experimentId + "/" + id + "/artifacts", LifecycleStage.ACTIVE),
                    null, Map.of("depth", Integer.toString(i % 8), "lr", "0.0" + (i % 5 + 1)), Map.of("mlflow.runName", "run-" + i),
                    List.of(new Metric("rmse", 1.0 / (i + 1), 1, 0), new Metric("auc", i % 100 / 100.0, 1, 0)), List.of());
        }
        return experimentId;
    }

    /** Returns {ms to first frame with all charts drawn, ms the database read took}. */
    private static double[] timeRunPage(AppServices services, String runId, int metrics) throws Exception {
        CompletableFuture<double[]> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            Theme.LIGHT.apply();
            RunViewModel model = new RunViewModel(services.tracking(), services.tasks(), services.notifier());
            RunView view = new RunView(model, () -> { });
            Stage stage = new Stage();
            Scene scene = new Scene(view, 1400, 900);
            stage.setScene(scene);
            stage.show();
            long start = System.nanoTime();
            model.metrics().addListener((ListChangeListener<Object>) change -> {
                long loaded = System.nanoTime();
                // The charts were built and filled in this same event; the next pulse lays them out and draws them.
                Runnable[] afterPulse = new Runnable[1];
                afterPulse[0] = () -> {
                    scene.removePostLayoutPulseListener(afterPulse[0]);
                    boolean allDrawn = view.charts().size() == metrics
                            && view.charts().stream().allMatch(chart -> !chart.datasets().isEmpty());
                    result.complete(new double[] {(System.nanoTime() - start) / 1e6, (loaded - start) / 1e6,
                        allDrawn ? 1 : 0});
                    stage.close();
                };
                scene.addPostLayoutPulseListener(afterPulse[0]);
                Platform.requestNextPulse();
            });
            model.open(runId);
        });
        double[] figures = result.get(2, TimeUnit.MINUTES);
        if (figures[2] != 1) {
            throw new IllegalStateException("not every chart was drawn");
        }
        return figures;
    }

    /** Returns {ms to the first page shown, ms to every run loaded through paging}. */
    private static double[] timeRunTable(AppServices services, String experimentId, int runs) throws Exception {
        CompletableFuture<double[]> result = new CompletableFuture<>();
        var experiment = services.tracking().experiments().get(experimentId);
        Platform.runLater(() -> {
            ExperimentsViewModel model = new ExperimentsViewModel(services.tracking(), services.tasks(), services.notifier(),
                    services.settings());
            long start = System.nanoTime();
            double[] firstPage = new double[1];
            // Checked every frame on the JavaFX thread: ask for the next page whenever the last one has arrived.
            new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (firstPage[0] == 0 && !model.runs().isEmpty()) {
                        firstPage[0] = (System.nanoTime() - start) / 1e6;
                    }
                    if (model.runs().size() >= runs) {
                        stop();
                        result.complete(new double[] {firstPage[0], (System.nanoTime() - start) / 1e6});
                    } else if (!model.loadingRuns().get() && model.nextPageToken().get() != null) {
                        model.loadMore();
                    }
                }
            }.start();
            model.selected().set(experiment);
        });
        return result.get(5, TimeUnit.MINUTES);
    }
}
