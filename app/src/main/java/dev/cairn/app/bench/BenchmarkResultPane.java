package dev.cairn.app.bench;

import dev.cairn.charts.HistogramChart;
import dev.cairn.charts.MetricChart;
import dev.cairn.core.bench.BenchmarkResult;
import dev.cairn.core.bench.LatencyFigures;
import dev.cairn.core.bench.MachineInfo;
import dev.cairn.core.bench.StoredBenchmark;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A finished benchmark: its figures in two columns (run, latency) over its latency histogram and, placed by the
 * owner next to the form, its percentile curve.
 */
final class BenchmarkResultPane extends VBox {

    private final GridPane run = grid("bench-figures-run");
    private final GridPane latency = grid("bench-figures-latency");
    private final MetricChart curve = new MetricChart("Latency by percentile");
    private final HistogramChart histogram = new HistogramChart("Latency histogram (the last bar holds the slowest 1%)",
            "latency (ms)");

    BenchmarkResultPane() {
        super(12);
        setId("bench-result");
        curve.setId("bench-percentile-chart");
        curve.setXAxis("percentile, in nines: 1 = P90, 2 = P99, 3 = P99.9, 4 = P99.99", false);
        curve.setLogY(true); // the max is often 100x the median
        histogram.setId("bench-histogram");
        histogram.setPrefHeight(260);
        // Figures side by side, the histogram under them at full width: the tab is often narrow.
        getChildren().setAll(new HBox(32, run, latency), histogram);
    }

    void show(StoredBenchmark stored) {
        run.getChildren().clear();
        latency.getChildren().clear();
        BenchmarkResult r = stored.result();
        int row = 0;
        fact(run, row++, "Benchmark", "#" + stored.id() + " \u00b7 " + r.settings().measured() + ", "
                + r.settings().concurrency() + " thread(s), batch " + r.samplesPerInference());
        fact(run, row++, "Session creation", ms(r.sessionCreationMillis()));
        fact(run, row++, "First inference", ms(r.firstInferenceMillis()));
        fact(run, row++, "Inferences/s", String.format(Locale.ROOT, "%,.1f", r.inferencesPerSecond()));
        fact(run, row++, "Samples/s", String.format(Locale.ROOT, "%,.1f", r.samplesPerSecond()));
        fact(run, row++, "Wall time", String.format(Locale.ROOT, "%.2f s", r.wallSeconds()));
        fact(run, row++, "CPU", r.cpuPercent() == null ? "n/a" : String.format(Locale.ROOT, "%.0f %%", r.cpuPercent()));
        fact(run, row++, "Peak RSS", r.peakRssBytes() == null ? "n/a" : mib(r.peakRssBytes()));
        fact(run, row++, "Heap", mib(r.heapUsedBytes()) + " of " + mib(r.heapMaxBytes()));
        MachineInfo m = r.machine();
        fact(run, row, "Machine", m.cpuModel() + ", " + m.cores() + " cores, ONNX Runtime " + m.ortVersion());
        LatencyFigures f = r.latency();
        row = 0;
        fact(latency, row++, "Inferences", String.format(Locale.ROOT, "%,d", f.count()));
        fact(latency, row++, "Min", ns(f.minNanos()));
        fact(latency, row++, "Mean", ms(f.meanNanos() / 1e6));
        fact(latency, row++, "P50", ns(f.p50Nanos()));
        fact(latency, row++, "P90", ns(f.p90Nanos()));
        fact(latency, row++, "P95", ns(f.p95Nanos()));
        fact(latency, row++, "P99", ns(f.p99Nanos()));
        fact(latency, row++, "P99.9", ns(f.p999Nanos()));
        fact(latency, row, "Max", ns(f.maxNanos()));
        curve.show(List.of(LatencyCurve.of(r.histogram())));
        histogram.show(List.of(LatencyHistogram.of(r.histogram())));
    }

    MetricChart curve() {
        return curve;
    }

    HistogramChart histogram() {
        return histogram;
    }

    private static GridPane grid(String id) {
        GridPane grid = new GridPane();
        grid.setId(id);
        grid.setMinWidth(Region.USE_PREF_SIZE); // the histogram beside it gives way, not the figures
        grid.setHgap(12);
        grid.setVgap(3);
        return grid;
    }

    private static void fact(GridPane grid, int row, String label, String value) {
        Label name = new Label(label);
        name.getStyleClass().add("text-muted");
        Label text = new Label(value);
        text.setId("bench-" + label.toLowerCase(Locale.ROOT).replace(' ', '-').replace("/", "-per-"));
        grid.addRow(row, name, text);
    }

    private static String ns(long nanos) {
        return ms(nanos / 1e6);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.3f ms", millis);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
