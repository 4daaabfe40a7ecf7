package dev.cairn.core.monitoring;

import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.drift.CsvTable;
import dev.cairn.core.drift.CsvTableReader;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Prediction monitoring as the CLI and the GUI use it: pull a server's log, compare it window by window with a
 * reference CSV, and record the windows that cross the threshold as alerts.
 *
 * <p>Window results are recomputed on each analysis rather than stored: they depend on the reference, the windowing
 * and the test options, and recomputing is quick (see the README's figures), while stored results would go stale
 * whenever any of those changes. Only alerts are stored, so that each is raised once.
 */
public final class PredictionMonitor {

    private final PredictionStore predictions;
    private final DriftAlertStore alerts;
    private final PredictionPuller puller;
    private final Clock clock;

    public PredictionMonitor(PredictionStore predictions, DriftAlertStore alerts, PredictionPuller puller,
            Clock clock) {
        this.predictions = predictions;
        this.alerts = alerts;
        this.puller = puller;
        this.clock = clock;
    }

    /** The monitor of a workspace's store, pulling with a default HTTP client. */
    public static PredictionMonitor of(Store store, Clock clock) {
        PredictionStore predictions = new PredictionStore(store, clock);
        return new PredictionMonitor(predictions, new DriftAlertStore(store),
                new PredictionPuller(new PredictionLogClient(), predictions), clock);
    }

    /** What an analysis found, and which of its alerts are new. */
    public record Analysis(MonitoringResult result, List<DriftAlert> newAlerts) {
        public Analysis {
            newAlerts = List.copyOf(newAlerts);
        }
    }

    public PredictionStore predictions() {
        return predictions;
    }

    public DriftAlertStore alerts() {
        return alerts;
    }

    /** The source name a deployment's log is kept under. */
    public static String sourceName(Deployment deployment) {
        return "deployment-" + deployment.id();
    }

    /** Pulls the log of the server at {@code url} into the source {@code sourceName}. */
    public PredictionPuller.PullResult pull(String sourceName, String url, ProgressListener progress,
            Cancellation cancellation) {
        return puller.pull(sourceName, url, null, progress, cancellation);
    }

    /**
     * Pulls a deployment's log through the URL it was published at.
     *
     * @param sourceName the source to keep it under, or null for {@link #sourceName(Deployment)}
     */
    public PredictionPuller.PullResult pull(Deployment deployment, String sourceName, ProgressListener progress,
            Cancellation cancellation) {
        if (deployment.url() == null) {
            throw new MonitoringException("Deployment " + deployment.id() + " (" + deployment.reference()
                    + ") has no URL: it never became ready. Pick a running deployment ('cairn deployments list')");
        }
        return puller.pull(sourceName != null ? sourceName : sourceName(deployment), deployment.url(), deployment.id(),
                progress, cancellation);
    }

    /**
     * Compares the stored predictions of {@code source} with the reference CSV window by window and records the
     * alerts of windows that crossed the threshold.
     */
    public Analysis analyse(String source, Path referenceCsv, MonitoringSettings settings, ProgressListener progress,
            Cancellation cancellation) {
        if (predictions.find(source).isEmpty()) {
            throw new MonitoringException("No source named '" + source + "'; pull one first ('cairn monitor pull URL')"
                    + " or pick one of 'cairn monitor list'");
        }
        progress.progress(-1, -1, "Reading " + referenceCsv.getFileName());
        CsvTable reference = CsvTableReader.read(referenceCsv);
        MonitoringResult result = MonitoringRun.run(source, predictions.predictions(source), reference, settings,
                progress, cancellation);
        List<DriftAlert> raised = new ArrayList<>();
        for (WindowDrift window : result.windows()) {
            DriftAlert.of(result, window, settings.alertColumns(), clock.instant()).ifPresent(raised::add);
        }
        return new Analysis(result, alerts.recordNew(raised));
    }
}
