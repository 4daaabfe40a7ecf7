package dev.cairn.app.cli;

import dev.cairn.core.bench.BenchmarkComparison;
import dev.cairn.core.bench.BenchmarkResult;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.BenchmarkSweep;
import dev.cairn.core.bench.LatencyFigures;
import dev.cairn.core.bench.MachineInfo;
import dev.cairn.core.bench.StoredBenchmark;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a benchmark result in {@code onnxruntime_perf_test}'s words, so its users read it without a legend. */
final class BenchReport {

    private BenchReport() {
    }

    static void print(StoredBenchmark stored, PrintWriter out) {
        BenchmarkResult result = stored.result();
        BenchmarkSettings settings = result.settings();
        LatencyFigures latency = result.latency();
        MachineInfo machine = result.machine();
        String version = stored.model().version() == null ? "" : " (" + stored.model().name() + " version "
                + stored.model().version() + ")";
        line(out, "Model: %s%s", result.modelName(), version);
        line(out, "Inputs: %s (%s)", result.inputShapes().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().toString().replace(" ", ""))
                .collect(Collectors.joining(", ")), describeInput(settings));
        line(out, "Settings: %s, concurrency %d, intra-op threads %s, inter-op threads %s, %s, optimisation %s, "
                        + "provider %s", settings.measured(), settings.concurrency(), threads(settings.intraOpThreads()),
                threads(settings.interOpThreads()), lower(settings.executionMode()), lower(settings.optimization()),
                lower(settings.provider()));
        line(out, "Machine: %s, %d cores, %s %s %s, Java %s (%s), ONNX Runtime %s", machine.cpuModel(),
                machine.cores(), machine.osName(), machine.osVersion(), machine.osArch(), machine.javaVersion(),
                machine.javaVendor(), machine.ortVersion());
        out.println();
        line(out, "Session creation time cost: %.4f s", result.sessionCreationMillis() / 1e3);
        line(out, "First inference time cost: %.3f ms", result.firstInferenceMillis());
        line(out, "Total inference requests: %d", latency.count());
        line(out, "Average inference time cost: %.4f ms", latency.meanNanos() / 1e6);
        line(out, "Total inference run time: %.4f s", result.wallSeconds());
        line(out, "Number of inferences per second: %.2f", result.inferencesPerSecond());
        line(out, "Number of samples per second: %.2f (%d per inference)", result.samplesPerSecond(),
                result.samplesPerInference());
        line(out, "Avg CPU usage: %s", result.cpuPercent() == null ? "unknown"
                : String.format(Locale.ROOT, "%.0f %%", result.cpuPercent()));
        line(out, "Peak working set size: %s", result.peakRssBytes() == null ? "unknown"
                : result.peakRssBytes() + " bytes");
        line(out, "JVM heap used: %d of %d bytes", result.heapUsedBytes(), result.heapMaxBytes());
        Map<String, Long> latencies = new java.util.LinkedHashMap<>();
        latencies.put("Min", latency.minNanos());
        latencies.put("Max", latency.maxNanos());
        latencies.put("P50", latency.p50Nanos());
        latencies.put("P90", latency.p90Nanos());
        latencies.put("P95", latency.p95Nanos());
        latencies.put("P99", latency.p99Nanos());
        latencies.put("P999", latency.p999Nanos());
        latencies.forEach((name, nanos) -> line(out, "%s Latency: %.7f s", name, nanos / 1e9));
    }

    /** A sweep as a table: the swept value, throughput and latency per point. */
    static void printSweep(List<StoredBenchmark> points, PrintWriter out) {
        if (points.isEmpty()) {
            return;
        }
        BenchmarkSweep.Parameter parameter = points.get(0).sweep().parameter();
        line(out, "Sweep %d over %s: %s", points.get(0).sweep().sweepId(), parameter.label(),
                points.get(0).result().modelName());
        line(out, "%18s %12s %14s %12s %10s %10s %10s %10s", parameter.label(), "benchmark", "inferences/s",
                "samples/s", "mean ms", "P50 ms", "P99 ms", "CPU %");
        for (StoredBenchmark point : points) {
            BenchmarkResult r = point.result();
            LatencyFigures f = r.latency();
            line(out, "%18d %12d %14.1f %12.1f %10.3f %10.3f %10.3f %10s", point.sweep().valueIn(point), point.id(),
                    r.inferencesPerSecond(), r.samplesPerSecond(), f.meanNanos() / 1e6, f.p50Nanos() / 1e6,
                    f.p99Nanos() / 1e6, r.cpuPercent() == null ? "n/a" : String.format(Locale.ROOT, "%.0f",
                            r.cpuPercent()));
        }
    }

    /** Benchmarks side by side, each figure with its change from the first; settings that differ are marked. */
    static void printComparison(BenchmarkComparison comparison, PrintWriter out) {
        List<StoredBenchmark> benchmarks = comparison.benchmarks();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-20s", ""));
        benchmarks.forEach(b -> header.append(String.format(Locale.ROOT, " %28s", "#" + b.id())));
        out.println(header);
        for (BenchmarkComparison.Setting setting : comparison.settings()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-20s",
                    (setting.differs() ? "* " : "  ") + setting.name()));
            setting.values().forEach(v -> row.append(String.format(Locale.ROOT, " %28s", clip(v, 28))));
            out.println(row);
        }
        for (BenchmarkComparison.Figure figure : comparison.figures()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-20s", "  " + figure.name() + " ("
                    + figure.unit() + ")"));
            for (int i = 0; i < benchmarks.size(); i++) {
                double change = figure.change(i);
                double value = figure.values()[i];
                String cell = Double.isNaN(value) ? "n/a"
                        : String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.1f" : "%.3f", value);
                if (i > 0 && !Double.isNaN(change)) {
                    cell += String.format(Locale.ROOT, " (%+.1f%%%s)", change * 100,
                            figure.improves(i) ? " better" : change == 0 ? "" : " worse");
                }
                row.append(String.format(Locale.ROOT, " %28s", cell));
            }
            out.println(row);
        }
        out.println("* the settings that differ; changes are from the first benchmark.");
        if (comparison.acrossMachines()) {
            out.println("Note: these ran on different machines or ONNX Runtime versions; their figures differ for "
                    + "that reason too.");
        }
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "\u2026";
    }

    private static String describeInput(BenchmarkSettings settings) {
        return switch (settings.input().kind()) {
            case RANDOM -> "random, seed " + settings.input().seed();
            case ZEROS -> "zeros";
            case FILE -> "from " + settings.input().file();
        };
    }

    private static String threads(int count) {
        return count == 0 ? "default" : Integer.toString(count);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static void line(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }
}
