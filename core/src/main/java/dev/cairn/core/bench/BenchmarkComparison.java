package dev.cairn.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Benchmarks side by side: what each measured (model, version, settings, machine) and its figures, each figure with
 * its change from the first benchmark, the baseline. Lists and the command line show the same table.
 *
 * @param benchmarks the compared results; the first is the baseline
 * @param settings rows of text: what was measured, how
 * @param figures rows of numbers, with which direction is better
 */
public record BenchmarkComparison(List<StoredBenchmark> benchmarks, List<Setting> settings, List<Figure> figures) {

    /** Whether a larger value of a figure is an improvement. */
    public enum Better { HIGHER, LOWER }

    /** A row of text, one cell per benchmark; {@code differs} when not all cells are the same. */
    public record Setting(String name, List<String> values) {

        public boolean differs() {
            return values.stream().distinct().count() > 1;
        }
    }

    /**
     * A row of numbers, one per benchmark (NaN where a benchmark has no value, such as CPU use off Linux).
     *
     * @param unit what the numbers count, for headers: {@code ms}, {@code /s}, {@code %}, {@code MiB}
     */
    public record Figure(String name, String unit, Better better, double[] values) {

        /** The change from the baseline as a fraction (0.1 = 10% more); NaN when either value is missing or 0. */
        public double change(int column) {
            double base = values[0];
            double value = values[column];
            return base == 0 || Double.isNaN(base) || Double.isNaN(value) ? Double.NaN : (value - base) / base;
        }

        /** Whether column's change from the baseline is an improvement (false when there is no change). */
        public boolean improves(int column) {
            double change = change(column);
            return !Double.isNaN(change) && (better == Better.HIGHER ? change > 0 : change < 0);
        }
    }

    /** Compares these results, the first being the baseline. */
    public static BenchmarkComparison of(List<StoredBenchmark> benchmarks) {
        if (benchmarks.isEmpty()) {
            throw new BenchmarkException("choose at least one benchmark to compare");
        }
        List<StoredBenchmark> all = List.copyOf(benchmarks);
        List<Setting> settings = new ArrayList<>();
        settings.add(setting(all, "Model", b -> b.model().name()));
        settings.add(setting(all, "Version", b -> b.model().version() == null ? "file" : "v" + b.model().version()));
        settings.add(setting(all, "SHA-256", b -> b.model().sha256() == null ? "" : b.model().sha256().substring(0, 12)));
        settings.add(setting(all, "Input shapes", b -> b.result().inputShapes().toString()));
        settings.add(setting(all, "Batch", b -> String.valueOf(b.result().samplesPerInference())));
        settings.add(setting(all, "Concurrency", b -> String.valueOf(b.result().settings().concurrency())));
        settings.add(setting(all, "Intra-op threads", b -> threads(b.result().settings().intraOpThreads())));
        settings.add(setting(all, "Inter-op threads", b -> threads(b.result().settings().interOpThreads())));
        settings.add(setting(all, "Execution mode", b -> lower(b.result().settings().executionMode())));
        settings.add(setting(all, "Optimisation", b -> lower(b.result().settings().optimization())));
        settings.add(setting(all, "Provider", b -> lower(b.result().settings().provider())));
        settings.add(setting(all, "Inputs", b -> input(b.result().settings().input())));
        settings.add(setting(all, "Measured", b -> b.result().settings().measured().toString()));
        settings.add(setting(all, "Machine", b -> b.result().machine().cpuModel() + ", " + b.result().machine().cores()
                + " cores"));
        settings.add(setting(all, "ONNX Runtime", b -> b.result().machine().ortVersion()));
        List<Figure> figures = new ArrayList<>();
        figures.add(figure(all, "Inferences/s", "/s", Better.HIGHER, r -> r.inferencesPerSecond()));
        figures.add(figure(all, "Samples/s", "/s", Better.HIGHER, r -> r.samplesPerSecond()));
        figures.add(figure(all, "Mean", "ms", Better.LOWER, r -> r.latency().meanNanos() / 1e6));
        figures.add(figure(all, "P50", "ms", Better.LOWER, r -> r.latency().p50Nanos() / 1e6));
        figures.add(figure(all, "P90", "ms", Better.LOWER, r -> r.latency().p90Nanos() / 1e6));
        figures.add(figure(all, "P95", "ms", Better.LOWER, r -> r.latency().p95Nanos() / 1e6));
        figures.add(figure(all, "P99", "ms", Better.LOWER, r -> r.latency().p99Nanos() / 1e6));
        figures.add(figure(all, "P99.9", "ms", Better.LOWER, r -> r.latency().p999Nanos() / 1e6));
        figures.add(figure(all, "Max", "ms", Better.LOWER, r -> r.latency().maxNanos() / 1e6));
        figures.add(figure(all, "Min", "ms", Better.LOWER, r -> r.latency().minNanos() / 1e6));
        figures.add(figure(all, "First inference", "ms", Better.LOWER, BenchmarkResult::firstInferenceMillis));
        figures.add(figure(all, "Session creation", "ms", Better.LOWER, BenchmarkResult::sessionCreationMillis));
        figures.add(figure(all, "CPU", "%", Better.LOWER, r -> r.cpuPercent() == null ? Double.NaN : r.cpuPercent()));
        figures.add(figure(all, "Peak RSS", "MiB", Better.LOWER,
                r -> r.peakRssBytes() == null ? Double.NaN : r.peakRssBytes() / 1048576.0));
        return new BenchmarkComparison(all, List.copyOf(settings), List.copyOf(figures));
    }

    /** A short name for a column: {@code #12 iris v3}. */
    public static String label(StoredBenchmark benchmark) {
        return "#" + benchmark.id() + " " + benchmark.model().name()
                + (benchmark.model().version() == null ? "" : " v" + benchmark.model().version());
    }

    /** Whether the benchmarks ran on different machines or runtimes, which makes their figures hard to compare. */
    public boolean acrossMachines() {
        return settings.stream().filter(s -> s.name().equals("Machine") || s.name().equals("ONNX Runtime"))
                .anyMatch(Setting::differs);
    }

    private static Setting setting(List<StoredBenchmark> all, String name, Function<StoredBenchmark, String> value) {
        return new Setting(name, all.stream().map(value).map(v -> Objects.toString(v, "")).toList());
    }

    private static Figure figure(List<StoredBenchmark> all, String name, String unit, Better better,
            ToDoubleFunction<BenchmarkResult> value) {
        return new Figure(name, unit, better, all.stream().mapToDouble(b -> value.applyAsDouble(b.result())).toArray());
    }

    private static String threads(int count) {
        return count == 0 ? "default" : String.valueOf(count);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static String input(InputSource source) {
        return switch (source.kind()) {
            case RANDOM -> "random (seed " + source.seed() + ")";
            case ZEROS -> "zeros";
            case FILE -> source.file();
        };
    }
}
