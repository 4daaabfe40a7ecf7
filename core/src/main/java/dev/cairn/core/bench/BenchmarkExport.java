package dev.cairn.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes stored benchmarks for other tools: CSV with one row per benchmark (figures in milliseconds, ready for a
 * spreadsheet or pandas), or JSON with everything, the latency histogram included (HdrHistogram's compressed
 * encoding in base64, which {@code Histogram.decodeFromCompressedByteBuffer} reads back in Java, Python's
 * {@code hdrhistogram} package and others).
 */
public final class BenchmarkExport {

    /** Percentiles written as their own fields, beyond the figures' fixed ones. */
    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99};

    private static final List<String> CSV_COLUMNS = List.of("id", "created_at", "model", "version", "sha256",
            "sweep_id", "sweep_parameter", "input_shapes", "batch", "concurrency", "intra_op_threads",
            "inter_op_threads", "execution_mode", "optimization", "provider", "inputs", "measured", "inferences",
            "wall_seconds", "inferences_per_second", "samples_per_second", "session_creation_ms",
            "first_inference_ms", "min_ms", "mean_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms",
            "cpu_percent", "peak_rss_bytes", "heap_used_bytes", "heap_max_bytes", "cpu_model", "cores", "os", "java",
            "onnxruntime");

    // Not closing the target: callers pass the standard output too.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private BenchmarkExport() {
    }

    /** Writes a header and one row per benchmark, RFC 4180 quoting, numbers with a dot. */
    public static void writeCsv(List<StoredBenchmark> benchmarks, Writer out) throws IOException {
        out.write(String.join(",", CSV_COLUMNS));
        out.write("\r\n");
        for (StoredBenchmark stored : benchmarks) {
            BenchmarkResult r = stored.result();
            BenchmarkSettings s = r.settings();
            LatencyFigures f = r.latency();
            MachineInfo m = r.machine();
            List<Object> cells = new ArrayList<>(List.of(stored.id(), Instant.ofEpochMilli(stored.createdAtMillis()),
                    stored.model().name()));
            cells.add(stored.model().version());
            cells.add(stored.model().sha256());
            cells.add(stored.sweep() == null ? null : stored.sweep().sweepId());
            cells.add(stored.sweep() == null ? null : stored.sweep().parameter().key());
            cells.addAll(List.of(r.inputShapes().toString(), r.samplesPerInference(), s.concurrency(),
                    s.intraOpThreads(), s.interOpThreads(), s.executionMode(), s.optimization(), s.provider(),
                    BenchmarkComparison.input(s.input()), s.measured().toString(), f.count(), r.wallSeconds(),
                    r.inferencesPerSecond(), r.samplesPerSecond(), r.sessionCreationMillis(),
                    r.firstInferenceMillis(), f.minNanos() / 1e6, f.meanNanos() / 1e6, f.p50Nanos() / 1e6,
                    f.p90Nanos() / 1e6, f.p95Nanos() / 1e6, f.p99Nanos() / 1e6, f.p999Nanos() / 1e6,
                    f.maxNanos() / 1e6));
            cells.add(r.cpuPercent());
            cells.add(r.peakRssBytes());
            cells.addAll(List.of(r.heapUsedBytes(), r.heapMaxBytes(), m.cpuModel(), m.cores(),
                    m.osName() + " " + m.osVersion() + " " + m.osArch(), m.javaVersion() + " " + m.javaVendor(),
                    m.ortVersion()));
            out.write(String.join(",", cells.stream().map(BenchmarkExport::csvCell).toList()));
            out.write("\r\n");
        }
        out.flush();
    }

    /** Writes a JSON array, one object per benchmark: id, time, model, sweep, the whole result and its histogram. */
    public static void writeJson(List<StoredBenchmark> benchmarks, Writer out) throws IOException {
        JSON.writeValue(out, toJson(benchmarks));
    }

    /** The JSON {@link #writeJson} writes, as a tree, for callers that wrap it. */
    public static ArrayNode toJson(List<StoredBenchmark> benchmarks) {
        ArrayNode array = JSON.createArrayNode();
        for (StoredBenchmark stored : benchmarks) {
            ObjectNode node = array.addObject();
            node.put("id", stored.id());
            node.put("created_at", Instant.ofEpochMilli(stored.createdAtMillis()).toString());
            node.set("model", JSON.valueToTree(stored.model()));
            if (stored.sweep() != null) {
                node.putObject("sweep").put("id", stored.sweep().sweepId())
                        .put("parameter", stored.sweep().parameter().key())
                        .put("value", stored.sweep().valueIn(stored));
            }
            node.set("result", JSON.valueToTree(stored.result()));
            ObjectNode percentiles = node.putObject("latency_ms_at_percentile");
            for (double p : PERCENTILES) {
                percentiles.put(percentileKey(p), stored.result().histogram().getValueAtPercentile(p) / 1e6);
            }
            node.put("histogram_hdr_base64", Base64.getEncoder().encodeToString(
                    BenchmarkStore.encode(stored.result().histogram())));
        }
        return array;
    }

    private static String percentileKey(double percentile) {
        return percentile == Math.rint(percentile) ? String.valueOf((int) percentile)
                : String.valueOf(percentile);
    }

    /** Empty for null, plain numbers, and quotes around text that holds a comma, quote or line break. */
    static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double d ? (d.isNaN() ? "" : String.format(Locale.ROOT, "%s", d))
                : value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
