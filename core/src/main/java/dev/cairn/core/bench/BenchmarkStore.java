package dev.cairn.core.bench;

import static dev.cairn.core.store.Jdbc.first;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import dev.cairn.core.store.StoreException;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Keeps benchmark results in the workspace's database: figures in columns (for lists and comparisons), settings and
 * machine as JSON, and the full latency histogram in HdrHistogram's compressed encoding.
 */
public final class BenchmarkStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<Map<String, List<Long>>> SHAPES = new TypeReference<>() { };

    private static final String COLUMNS = "id, created_at, model_name, model_version, model_sha256, model_file, "
            + "settings_json, input_shapes_json, samples_per_inference, session_creation_ms, first_inference_ms, "
            + "wall_seconds, inferences_per_second, samples_per_second, cpu_percent, peak_rss_bytes, heap_used_bytes, "
            + "heap_max_bytes, machine_json, histogram, sweep_id, sweep_parameter";

    private final Store store;
    private final Clock clock;

    public BenchmarkStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Stores a single benchmark's result; returns it with its new id. */
    public StoredBenchmark save(BenchmarkedModel model, BenchmarkResult result) {
        return save(model, result, null);
    }

    /** A fresh id for a sweep's points to share. */
    public long newSweepId() {
        return store.inTransaction(connection -> first(connection, "SELECT NEXT VALUE FOR benchmark_sweep_id",
                row -> row.getLong(1))).orElseThrow();
    }

    /** Stores a result, as a point of {@code sweep} when that is not null; returns it with its new id. */
    public StoredBenchmark save(BenchmarkedModel model, BenchmarkResult result, StoredBenchmark.SweepPoint sweep) {
        long now = clock.millis();
        LatencyFigures latency = result.latency();
        Object[] args = {now, model.name(), model.version(), model.sha256(), model.file(),
            json(result.settings()), json(result.inputShapes()), result.samplesPerInference(),
            result.sessionCreationMillis(), result.firstInferenceMillis(), latency.count(), result.wallSeconds(),
            result.inferencesPerSecond(), result.samplesPerSecond(), latency.minNanos(), latency.meanNanos(),
            latency.p50Nanos(), latency.p90Nanos(), latency.p95Nanos(), latency.p99Nanos(), latency.p999Nanos(),
            latency.maxNanos(), result.cpuPercent(), result.peakRssBytes(), result.heapUsedBytes(),
            result.heapMaxBytes(), json(result.machine()), encode(result.histogram()),
            sweep == null ? null : sweep.sweepId(), sweep == null ? null : sweep.parameter().name()};
        long id = store.inTransaction(connection -> first(connection, "SELECT id FROM FINAL TABLE (INSERT INTO "
                + "benchmark_result (created_at, model_name, model_version, model_sha256, model_file, settings_json, "
                + "input_shapes_json, samples_per_inference, session_creation_ms, first_inference_ms, inferences, "
                + "wall_seconds, inferences_per_second, samples_per_second, latency_min_ns, latency_mean_ns, "
                + "latency_p50_ns, latency_p90_ns, latency_p95_ns, latency_p99_ns, latency_p999_ns, latency_max_ns, "
                + "cpu_percent, peak_rss_bytes, heap_used_bytes, heap_max_bytes, machine_json, histogram, sweep_id, "
                + "sweep_parameter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?))",
                row -> row.getLong(1), args)).orElseThrow();
        return new StoredBenchmark(id, now, model, result, sweep);
    }

    /** One stored result, if there is one with this id. */
    public Optional<StoredBenchmark> get(long id) {
        return store.read(connection -> first(connection, "SELECT " + COLUMNS + " FROM benchmark_result WHERE id = ?",
                BenchmarkStore::map, id));
    }

    /** Stored results, newest first; of one registered model (or file name) when {@code modelName} is not null. */
    public List<StoredBenchmark> list(String modelName) {
        return store.read(connection -> modelName == null
                ? Jdbc.list(connection, "SELECT " + COLUMNS + " FROM benchmark_result ORDER BY id DESC", BenchmarkStore::map)
                : Jdbc.list(connection, "SELECT " + COLUMNS + " FROM benchmark_result WHERE model_name = ? ORDER BY id DESC",
                        BenchmarkStore::map, modelName));
    }

    /** The points of one sweep, in the order they ran. */
    public List<StoredBenchmark> sweep(long sweepId) {
        return store.read(connection -> Jdbc.list(connection, "SELECT " + COLUMNS
                + " FROM benchmark_result WHERE sweep_id = ? ORDER BY id", BenchmarkStore::map, sweepId));
    }

    /** Deletes these results (ids that are not stored are ignored); returns how many went. */
    public int delete(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        return store.inTransaction(connection -> Jdbc.update(connection,
                "DELETE FROM benchmark_result WHERE id IN (" + marks + ")", ids.toArray()));
    }

    private static StoredBenchmark map(ResultSet row) throws SQLException {
        Integer version = (Integer) row.getObject("model_version");
        BenchmarkedModel model = new BenchmarkedModel(row.getString("model_name"), version,
                row.getString("model_sha256"), row.getString("model_file"));
        Histogram histogram = decode(row.getBytes("histogram"));
        double wall = row.getDouble("wall_seconds");
        Double cpu = (Double) row.getObject("cpu_percent");
        Long rss = (Long) row.getObject("peak_rss_bytes");
        try {
            BenchmarkResult result = new BenchmarkResult(model.file() == null ? model.name() : fileName(model.file()),
                    JSON.readValue(row.getString("settings_json"), BenchmarkSettings.class),
                    JSON.readValue(row.getString("input_shapes_json"), SHAPES), row.getLong("samples_per_inference"),
                    row.getDouble("session_creation_ms"), row.getDouble("first_inference_ms"),
                    LatencyFigures.of(histogram), wall, row.getDouble("inferences_per_second"),
                    row.getDouble("samples_per_second"), cpu, rss, row.getLong("heap_used_bytes"),
                    row.getLong("heap_max_bytes"), JSON.readValue(row.getString("machine_json"), MachineInfo.class),
                    histogram);
            Long sweepId = (Long) row.getObject("sweep_id");
            StoredBenchmark.SweepPoint sweep = sweepId == null ? null : new StoredBenchmark.SweepPoint(sweepId,
                    BenchmarkSweep.Parameter.valueOf(row.getString("sweep_parameter")));
            return new StoredBenchmark(row.getLong("id"), row.getLong("created_at"), model, result, sweep);
        } catch (JsonProcessingException e) {
            throw new StoreException("Benchmark " + row.getLong("id") + " has unreadable settings: " + e.getMessage(), e);
        }
    }

    private static String fileName(String file) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** HdrHistogram's compressed encoding: a few hundred bytes to a few KB for a whole run. */
    static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    static Histogram decode(byte[] bytes) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException e) {
            throw new StoreException("A stored latency histogram is damaged: " + e.getMessage(), e);
        }
    }
}
