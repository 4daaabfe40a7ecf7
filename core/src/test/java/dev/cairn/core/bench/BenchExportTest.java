package dev.cairn.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Comparison tables and CSV/JSON export of stored results made by hand, with known latencies. */
class BenchExportTest {

    private static final MachineInfo MACHINE = new MachineInfo("Test CPU, \"fast\" edition", 2, "Linux", "6.1",
            "amd64", "17.0.9", "Eclipse", "1.29.0");

    @Test
    void aComparisonPutsFiguresSideBySideWithTheirChangeFromTheFirst() {
        StoredBenchmark v1 = stored(1, 1, 1_000_000, 1000.0, null);
        StoredBenchmark v2 = stored(2, 2, 2_000_000, 800.0, null);

        BenchmarkComparison comparison = BenchmarkComparison.of(List.of(v1, v2));

        BenchmarkComparison.Figure throughput = figure(comparison, "Inferences/s");
        assertThat(throughput.values()).containsExactly(1000.0, 800.0);
        assertThat(throughput.change(1)).isCloseTo(-0.2, within(1e-12));
        assertThat(throughput.improves(1)).isFalse();
        BenchmarkComparison.Figure p50 = figure(comparison, "P50");
        assertThat(p50.values()[0]).isCloseTo(1.0, within(0.001)); // 1 ms, within HdrHistogram's 3 digits
        assertThat(p50.change(1)).isCloseTo(1.0, within(0.002));
        assertThat(p50.improves(1)).isFalse();
        assertThat(figure(comparison, "CPU").change(1)).isNaN(); // the second has no CPU figure
        assertThat(setting(comparison, "Version").values()).containsExactly("v1", "v2");
        assertThat(setting(comparison, "Version").differs()).isTrue();
        assertThat(setting(comparison, "Provider").differs()).isFalse();
        assertThat(comparison.acrossMachines()).isFalse();
        assertThat(BenchmarkComparison.label(v2)).isEqualTo("#2 iris v2");
        assertThatThrownBy(() -> BenchmarkComparison.of(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void csvHasOneQuotedRowPerBenchmark() throws Exception {
        StringWriter out = new StringWriter();
        BenchmarkExport.writeCsv(List.of(stored(7, 3, 1_000_000, 1234.5, 40.0),
                stored(8, 3, 3_000_000, 300.0, null)), out);

        String[] lines = out.toString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("id,created_at,model,version,sha256,sweep_id,sweep_parameter,");
        int columns = lines[0].split(",").length;
        assertThat(lines[1]).startsWith("7,1970-01-01T00:00:00.007Z,iris,3,");
        assertThat(lines[1]).contains(",1234.5,").contains(",\"Test CPU, \"\"fast\"\" edition\",");
        assertThat(lines[1]).contains(",\"{input=[1, 4]}\",");
        // Commas inside quotes do not split a cell: every row has the header's number of cells.
        for (String line : List.of(lines[1], lines[2])) {
            assertThat(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).hasSize(columns);
        }
        assertThat(BenchmarkExport.csvCell(Double.NaN)).isEmpty();
        assertThat(BenchmarkExport.csvCell(null)).isEmpty();
    }

    @Test
    void jsonCarriesTheFiguresAndAHistogramThatDecodesToTheSameLatencies() throws Exception {
        StoredBenchmark sweepPoint = new StoredBenchmark(9, 0, new BenchmarkedModel("iris", 3, "ab".repeat(32),
                "/m/iris.onnx"), result(4, 2_000_000, 10.0, 50.0),
                new StoredBenchmark.SweepPoint(5, BenchmarkSweep.Parameter.BATCH));
        StringWriter out = new StringWriter();
        BenchmarkExport.writeJson(List.of(sweepPoint), out);

        JsonNode node = new ObjectMapper().readTree(out.toString()).get(0);
        assertThat(node.get("id").asLong()).isEqualTo(9);
        assertThat(node.at("/model/sha256").asText()).isEqualTo("ab".repeat(32));
        assertThat(node.at("/sweep/parameter").asText()).isEqualTo("batch");
        assertThat(node.at("/sweep/value").asInt()).isEqualTo(4);
        assertThat(node.at("/result/settings/batch").asInt()).isEqualTo(4);
        assertThat(node.at("/result/latency/count").asLong()).isEqualTo(1000);
        assertThat(node.at("/result/machine/cpuModel").asText()).isEqualTo(MACHINE.cpuModel());
        assertThat(node.at("/latency_ms_at_percentile/99.9").asDouble()).isCloseTo(2.0, within(0.002));
        Histogram decoded = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(node.get("histogram_hdr_base64").asText())), 0);
        assertThat(decoded.getTotalCount()).isEqualTo(1000);
        assertThat(decoded.getValueAtPercentile(50)).isEqualTo(sweepPoint.result().histogram().getValueAtPercentile(50));
    }

    private static BenchmarkComparison.Figure figure(BenchmarkComparison comparison, String name) {
        return comparison.figures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static BenchmarkComparison.Setting setting(BenchmarkComparison comparison, String name) {
        return comparison.settings().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static StoredBenchmark stored(long id, int version, long latencyNanos, double perSecond, Double cpu) {
        return new StoredBenchmark(id, id, new BenchmarkedModel("iris", version, null, "iris.onnx"),
                result(1, latencyNanos, perSecond, cpu), null);
    }

    /** A result whose 1,000 latencies all equal {@code latencyNanos}. */
    private static BenchmarkResult result(int batch, long latencyNanos, double perSecond, Double cpu) {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(latencyNanos, 1000);
        BenchmarkSettings settings = BenchmarkSettings.defaults().withBatch(batch);
        return new BenchmarkResult("iris.onnx", settings, Map.of("input", List.of((long) batch, 4L)), batch, 12.5, 0.8,
                LatencyFigures.of(histogram), 1.0, perSecond, perSecond * batch, cpu, 100L << 20, 10L << 20,
                1L << 30, MACHINE, histogram);
    }
}
