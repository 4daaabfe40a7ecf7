package dev.cairn.app.bench;

import dev.cairn.charts.MetricChart;
import dev.cairn.charts.Series;
import dev.cairn.core.bench.BenchmarkSweep;
import dev.cairn.core.bench.StoredBenchmark;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A sweep plotted: throughput (samples per second, which is what a batch size buys) and P99 latency against the
 * swept setting, one line per sweep so sweeps of two versions can be laid over each other.
 */
public final class SweepCharts extends HBox {

    private final MetricChart throughput = new MetricChart("Throughput (samples/s)");
    private final MetricChart p99 = new MetricChart("P99 latency (ms)");

    public SweepCharts() {
        super(12);
        setId("bench-sweep-charts");
        throughput.setId("bench-sweep-throughput");
        p99.setId("bench-sweep-p99");
        for (MetricChart chart : List.of(throughput, p99)) {
            chart.setPrefHeight(280);
            HBox.setHgrow(chart, Priority.ALWAYS);
        }
        getChildren().setAll(throughput, p99);
    }

    /**
     * Shows these sweeps, each a list of points of one sweep in any order; all must sweep the same setting.
     */
    public void show(List<List<StoredBenchmark>> sweeps) {
        List<Series> rates = new ArrayList<>();
        List<Series> tails = new ArrayList<>();
        BenchmarkSweep.Parameter parameter = null;
        for (List<StoredBenchmark> sweep : sweeps) {
            if (sweep.isEmpty()) {
                continue;
            }
            parameter = sweep.get(0).sweep().parameter();
            List<StoredBenchmark> points = new ArrayList<>(sweep);
            points.sort(java.util.Comparator.comparingInt(p -> p.sweep().valueIn(p)));
            double[] x = new double[points.size()];
            double[] rate = new double[x.length];
            double[] tail = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                StoredBenchmark point = points.get(i);
                x[i] = point.sweep().valueIn(point);
                rate[i] = point.result().samplesPerSecond();
                tail[i] = point.result().latency().p99Nanos() / 1e6;
            }
            String name = name(points.get(0));
            rates.add(new Series(name, x, rate));
            tails.add(new Series(name, x, tail));
        }
        if (parameter != null) {
            for (MetricChart chart : List.of(throughput, p99)) {
                chart.setXAxis(parameter.label(), false);
                // Batch sizes usually double from point to point; a log axis spaces them evenly.
                chart.setLogX(parameter == BenchmarkSweep.Parameter.BATCH);
            }
        }
        throughput.show(rates);
        p99.show(tails);
    }

    /** {@code sweep 3: iris v2}. */
    static String name(StoredBenchmark point) {
        return "sweep " + point.sweep().sweepId() + ": " + point.model().name()
                + (point.model().version() == null ? "" : " v" + point.model().version());
    }

    public MetricChart throughputChart() {
        return throughput;
    }

    public MetricChart p99Chart() {
        return p99;
    }
}
