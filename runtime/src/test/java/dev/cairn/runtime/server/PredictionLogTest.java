package dev.cairn.runtime.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.model.RunResult;
import dev.cairn.runtime.model.RunnerOptions;
import dev.cairn.runtime.server.PredictionLog.Settings;
import dev.cairn.runtime.tensor.MapValue;
import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import dev.cairn.testdata.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionLogTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    @TempDir
    Path dir;

    /** An iris-sized entry: one [1,4] float input, a label and a ZipMap of three class probabilities. */
    static Prediction irisPrediction(Instant time, String id) {
        Tensor features = Tensor.ofFloats("float_input", new long[] {1, 4}, 5.1f, 3.5f, 1.4f, 0.2f);
        MapValue probabilities = new MapValue("", Tensor.ofInt64("", new long[] {3}, 0, 1, 2),
                Tensor.ofFloats("", new long[] {3}, 0.9f, 0.07f, 0.03f));
        Map<String, Value> outputs = new LinkedHashMap<>();
        outputs.put("output_label", Tensor.ofInt64("output_label", new long[] {1}, 0));
        outputs.put("output_probability", new SequenceValue("output_probability", List.of(probabilities)));
        return new Prediction(time, id, "iris", "3", "/v2/models/iris/infer", List.of(features), outputs, 1_234_567);
    }

    private static Settings settings(long maxFileBytes, int maxFiles, int maxLoggedValues, int queueCapacity) {
        return new Settings(maxFileBytes, maxFiles, maxLoggedValues, queueCapacity);
    }

    private static List<String> streamLines(PredictionLog log, Instant since, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        log.streamSince(since, limit, out);
        String text = out.toString(UTF_8);
        assertThat(text).satisfiesAnyOf(t -> assertThat(t).isEmpty(), t -> assertThat(t).endsWith("\n"));
        return text.lines().toList();
    }

    private static List<JsonNode> stream(PredictionLog log, Instant since, int limit) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : streamLines(log, since, limit)) {
            nodes.add(OipJson.mapper().readTree(line));
        }
        return nodes;
    }

    private static List<String> ids(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("id").asText()).toList();
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void linesCarryInputsAndOutputsAsOipJson() throws Exception {
        try (PredictionLog log = PredictionLog.open(dir.resolve("logs/predictions"), Settings.defaults())) {
            log.append(irisPrediction(T0, "req-1"));
            log.append(new Prediction(T0.plusMillis(5), null, "iris", null, "/v2/models/iris/infer",
                    List.of(Tensor.ofDoubles("x", new long[] {2}, Double.NaN, 2.5)), Map.of(), 2_000));

            List<String> raw = streamLines(log, null, 0);
            assertThat(raw).hasSize(2);
            assertThat(raw.get(0)).startsWith("{\"time\":\"2026-11-23T10:15:30.123Z\",\"id\":\"req-1\",\"model\":\"iris\","
                    + "\"version\":\"3\",\"endpoint\":\"/v2/models/iris/infer\",\"latency_ms\":1.235,\"inputs\":");

            JsonNode first = OipJson.mapper().readTree(raw.get(0));
            JsonNode input = first.get("inputs").get(0);
            assertThat(input.get("name").asText()).isEqualTo("float_input");
            assertThat(input.get("shape").toString()).isEqualTo("[1,4]");
            assertThat(input.get("datatype").asText()).isEqualTo("FP32");
            assertThat(input.get("data").toString()).isEqualTo("[5.1,3.5,1.4,0.2]");
            JsonNode outputs = first.get("outputs");
            assertThat(outputs.get(0).get("name").asText()).isEqualTo("output_label");
            assertThat(outputs.get(0).get("data").toString()).isEqualTo("[0]");
            JsonNode zipMap = outputs.get(1);
            assertThat(zipMap.get("name").asText()).isEqualTo("output_probability");
            assertThat(zipMap.get("shape").toString()).isEqualTo("[1,3]");
            assertThat(zipMap.get("data").toString()).isEqualTo("[0.9,0.07,0.03]");
            assertThat(zipMap.at("/parameters/zipmap_keys").toString()).isEqualTo("[0,1,2]");

            JsonNode second = OipJson.mapper().readTree(raw.get(1));
            assertThat(second.get("time").asText()).isEqualTo("2026-11-23T10:15:30.128Z");
            assertThat(second.get("id").isNull()).isTrue();
            assertThat(second.get("version").isNull()).isTrue();
            assertThat(second.get("latency_ms").asDouble()).isEqualTo(0.002);
            assertThat(second.at("/inputs/0/data").toString()).isEqualTo("[\"NaN\",2.5]");
            assertThat(second.get("outputs").size()).isZero();
        }
        assertThat(Files.readString(dir.resolve("logs/predictions/predictions.jsonl"), UTF_8).lines()).hasSize(2);
    }

    @Test
    void logsARealModelsZipMapOutput() throws Exception {
        Path model = TestData.path("models").resolve("skl_rf_iris_treeensemble_zipmap.onnx");
        Tensor features = Tensor.ofFloats("float_input", new long[] {2, 4}, 5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3f, 5.2f, 2.3f);
        RunResult result;
        try (ModelRunner runner = ModelRunner.open(model, new RunnerOptions(1))) {
            result = runner.run(List.of(features));
        }
        try (PredictionLog log = PredictionLog.open(dir, Settings.defaults())) {
            log.append(new Prediction(T0, "r", "iris-rf", "1", "/v2/models/iris-rf/infer", List.of(features),
                    result.outputs(), result.inferenceNanos()));
            JsonNode line = stream(log, null, 0).get(0);
            assertThat(line.at("/inputs/0/data").size()).isEqualTo(8);
            JsonNode probabilities = null;
            for (JsonNode output : line.get("outputs")) {
                if (output.get("name").asText().equals("output_probability")) {
                    probabilities = output;
                }
            }
            assertThat(probabilities).isNotNull();
            assertThat(probabilities.get("shape").toString()).isEqualTo("[2,3]");
            assertThat(probabilities.at("/parameters/zipmap_keys").toString()).isEqualTo("[0,1,2]");
        }
    }

    @Test
    void filtersBySinceAndLimits() throws Exception {
        try (PredictionLog log = PredictionLog.open(dir, Settings.defaults())) {
            for (int i = 0; i < 10; i++) {
                log.append(irisPrediction(T0.plusSeconds(i), "r" + i));
            }
            assertThat(ids(stream(log, null, 0))).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
                    "r8", "r9");
            assertThat(ids(stream(log, T0.plusSeconds(5), 0))).containsExactly("r5", "r6", "r7", "r8", "r9");
            assertThat(ids(stream(log, T0.plusSeconds(5), 3))).containsExactly("r5", "r6", "r7");
            assertThat(ids(stream(log, T0.plusSeconds(5).plusMillis(1), -1))).containsExactly("r6", "r7", "r8", "r9");
            // A time read back from a line, given as since, includes that line.
            assertThat(ids(stream(log, PredictionLog.parseSince(String.valueOf(T0.plusSeconds(9).toEpochMilli())), 0)))
                    .containsExactly("r9");
            assertThat(stream(log, T0.plusSeconds(60), 0)).isEmpty();
            assertThat(ids(stream(log, Instant.EPOCH, 2))).containsExactly("r0", "r1");
            assertThat(ids(stream(log, Instant.MIN, 1))).containsExactly("r0");
            assertThat(stream(log, Instant.MAX, 0)).isEmpty();
        }
    }

    @Test
    void rotatesBySizeKeepsTheNewestFilesAndContinuesNumberingAfterRestart() throws Exception {
        int lineBytes = lineLength();
        long maxFileBytes = lineBytes * 3L + 10; // three lines a file
        try (PredictionLog log = PredictionLog.open(dir, settings(maxFileBytes, 4, 4096, 1000))) {
            for (int i = 0; i < 40; i++) {
                log.append(irisPrediction(T0.plusMillis(i), "r" + i));
            }
            log.close();
            // 40 lines: 13 full files rotated out, the 14th current; only the newest 4 rotated are kept.
            assertThat(fileNames()).containsExactly("predictions-000010.jsonl", "predictions-000011.jsonl",
                    "predictions-000012.jsonl", "predictions-000013.jsonl", "predictions.jsonl");
            for (String name : fileNames()) {
                assertThat(Files.size(dir.resolve(name))).isLessThanOrEqualTo(maxFileBytes);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 27; i < 40; i++) {
                expected.add("r" + i);
            }
            assertThat(ids(stream(log, null, 0))).isEqualTo(expected);
            assertThat(log.dropped()).isZero();
        }
        try (PredictionLog log = PredictionLog.open(dir, settings(maxFileBytes, 4, 4096, 1000))) {
            for (int i = 40; i < 46; i++) {
                log.append(irisPrediction(T0.plusMillis(i), "r" + i));
            }
            log.close();
            // The current file held r39 and takes r40 and r41 before rotating as 14; r42 to r44 go to 15.
            assertThat(fileNames()).containsExactly("predictions-000012.jsonl", "predictions-000013.jsonl",
                    "predictions-000014.jsonl", "predictions-000015.jsonl", "predictions.jsonl");
            List<String> streamed = ids(stream(log, null, 0));
            assertThat(streamed).hasSize(13).startsWith("r33").endsWith("r44", "r45");
        }
    }

    /** The length of one iris line with a two-character id, newline included. */
    private int lineLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PredictionJson(4096).writeLine(irisPrediction(T0, "r0"), out);
        return out.size() + 1;
    }

    @Test
    void rotatedFilesOlderThanSinceAreSkippedUnread() throws Exception {
        try (PredictionLog log = PredictionLog.open(dir, settings(1, 10, 4096, 1000))) {
            // One line a file: the old file would match since by its line, but its modification time says it is old.
            log.append(irisPrediction(T0.plusSeconds(100), "mislabelled"));
            log.append(irisPrediction(T0.plusSeconds(101), "new"));
            log.close();
            Path rotated = dir.resolve("predictions-000001.jsonl");
            Files.setLastModifiedTime(rotated, FileTime.from(T0));
            assertThat(ids(stream(log, T0.plusSeconds(50), 0))).containsExactly("new");
            assertThat(ids(stream(log, null, 0))).containsExactly("mislabelled", "new");
        }
    }

    @Test
    void summarizesTensorsOverTheValueLimit() throws Exception {
        float[] values = new float[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        values[3] = Float.NaN;
        String[] words = new String[10];
        Arrays.fill(words, "w");
        Map<String, Value> outputs = Map.of("scores", Tensor.ofInt32("scores", new long[] {2, 5},
                new int[] {-4, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        try (PredictionLog log = PredictionLog.open(dir, settings(1 << 20, 10, 8, 100))) {
            log.append(new Prediction(T0, "big", "m", "1", "/e", List.of(
                    Tensor.ofFloats("pixels", new long[] {4, 5}, values),
                    Tensor.ofStrings("words", new long[] {10}, words),
                    Tensor.ofFloats("small", new long[] {8}, 1, 2, 3, 4, 5, 6, 7, 8),
                    Tensor.ofFloats("nans", new long[] {9}, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN,
                            Float.NaN, Float.NaN, Float.NaN, Float.NaN)), outputs, 1));
            JsonNode line = stream(log, null, 0).get(0);

            JsonNode pixels = line.at("/inputs/0");
            assertThat(pixels.has("data")).isFalse();
            assertThat(pixels.get("shape").toString()).isEqualTo("[4,5]");
            assertThat(pixels.get("datatype").asText()).isEqualTo("FP32");
            assertThat(pixels.get("truncated").asBoolean()).isTrue();
            assertThat(pixels.get("count").asInt()).isEqualTo(20);
            assertThat(pixels.get("head").size()).isEqualTo(16);
            assertThat(pixels.get("head").get(3).asText()).isEqualTo("NaN");
            assertThat(pixels.get("min").asDouble()).isEqualTo(1);
            assertThat(pixels.get("max").asDouble()).isEqualTo(20);
            assertThat(pixels.get("mean").asDouble()).isEqualTo((210.0 - 4) / 19);
            assertThat(pixels.get("nan_count").asInt()).isEqualTo(1);

            JsonNode wordsNode = line.at("/inputs/1");
            assertThat(wordsNode.get("truncated").asBoolean()).isTrue();
            assertThat(wordsNode.get("head").size()).isEqualTo(10);
            assertThat(wordsNode.has("min")).isFalse();
            assertThat(wordsNode.has("mean")).isFalse();

            assertThat(line.at("/inputs/2/data").size()).isEqualTo(8);
            assertThat(line.at("/inputs/2").has("truncated")).isFalse();

            JsonNode nans = line.at("/inputs/3");
            assertThat(nans.get("min").isNull()).isTrue();
            assertThat(nans.get("mean").isNull()).isTrue();
            assertThat(nans.get("nan_count").asInt()).isEqualTo(9);

            JsonNode scores = line.at("/outputs/0");
            assertThat(scores.get("datatype").asText()).isEqualTo("INT32");
            assertThat(scores.get("count").asInt()).isEqualTo(10);
            assertThat(scores.get("min").asDouble()).isEqualTo(-4);
            assertThat(scores.get("mean").asDouble()).isEqualTo(4.1);
            assertThat(scores.has("nan_count")).isFalse();
        }
    }

    @Test
    void dropsInsteadOfBlockingWhenTheQueueIsFull() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        PredictionLog log = PredictionLog.open(dir, settings(16 << 20, 10, 4096, 4));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.append(irisPrediction(T0, thread + "-" + i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS); // only guards against a hang
            }
        } finally {
            pool.shutdownNow();
            log.close();
        }
        long written = Files.readString(dir.resolve("predictions.jsonl"), UTF_8).lines().count();
        assertThat(log.dropped()).isPositive();
        assertThat(written + log.dropped()).isEqualTo((long) threads * perThread);
    }

    @Test
    void concurrentAppendsAllArriveAsValidJson() throws Exception {
        int threads = 8;
        int perThread = 1_000;
        // A queue that holds them all, so none is dropped however the threads are scheduled.
        try (PredictionLog log = PredictionLog.open(dir, new Settings(16L << 20, 10, 4096, threads * perThread))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.append(irisPrediction(T0.plusMillis(i), thread + "-" + i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            List<JsonNode> lines = stream(log, null, 0);
            assertThat(log.dropped()).isZero();
            assertThat(lines).hasSize(threads * perThread);
            Set<String> ids = new HashSet<>(ids(lines));
            assertThat(ids).hasSize(threads * perThread).contains("0-0", "7-999");
            for (JsonNode line : lines) {
                assertThat(line.at("/inputs/0/data").size()).isEqualTo(4);
            }
        }
    }

    @Test
    void closeWritesOutTheQueueAndLaterAppendsAreDropped() throws Exception {
        PredictionLog log = PredictionLog.open(dir, Settings.defaults());
        for (int i = 0; i < 500; i++) {
            log.append(irisPrediction(T0, "r" + i));
        }
        log.close();
        log.close();
        assertThat(Files.readString(dir.resolve("predictions.jsonl"), UTF_8).lines()).hasSize(500)
                .allSatisfy(line -> assertThat(OipJson.mapper().readTree(line).get("model").asText()).isEqualTo("iris"));
        log.append(irisPrediction(T0, "late"));
        assertThat(log.dropped()).isEqualTo(1);
        assertThat(stream(log, null, 0)).hasSize(500);
    }

    @Test
    void reopeningAppendsAndCutsOffALineLeftUnfinished() throws Exception {
        try (PredictionLog log = PredictionLog.open(dir, Settings.defaults())) {
            log.append(irisPrediction(T0, "before"));
        }
        Files.writeString(dir.resolve("predictions.jsonl"), "{\"time\":\"2026-11-23T10:15:31.000Z\",\"id\":\"cra",
                UTF_8, StandardOpenOption.APPEND);
        try (PredictionLog log = PredictionLog.open(dir, Settings.defaults())) {
            log.append(irisPrediction(T0.plusSeconds(2), "after"));
            assertThat(ids(stream(log, null, 0))).containsExactly("before", "after");
        }
    }

    @Test
    void readersSeeOnlyWholeLinesWhileTheWriterAppendsAndRotates() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        try (PredictionLog log = PredictionLog.open(dir, settings(4_000, 3, 4096, 2_000))) {
            Thread appender = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    log.append(irisPrediction(T0.plusMillis(i), String.valueOf(i)));
                    if (i % 50 == 0) {
                        Thread.onSpinWait();
                    }
                }
            });
            appender.start();
            long total = 0;
            try {
                for (int round = 0; round < 50; round++) {
                    List<JsonNode> lines = stream(log, round % 2 == 0 ? null : T0, 0); // every line parses
                    total += lines.size();
                    long previous = -1;
                    for (JsonNode line : lines) {
                        long id = line.get("id").asLong();
                        assertThat(id).isGreaterThan(previous);
                        previous = id;
                    }
                }
            } finally {
                running.set(false);
                appender.join();
            }
            assertThat(total).isPositive();
        }
    }

    @Test
    void filterPassesWholeLinesOnlyAcrossReadChunks() throws Exception {
        String longLine = "{\"time\":\"2026-11-23T10:15:31.000Z\",\"id\":\"" + "x".repeat(200_000) + "\"}";
        String text = "{\"time\":\"2026-11-23T10:15:30.000Z\",\"id\":\"old\"}\n" + longLine + "\n"
                + "not a log line\n" + "{\"time\":\"2026-11-23T10:15:32.000Z\",\"id\":\"new\"}\n"
                + "{\"time\":\"2026-11-23T10:15:33.000Z\",\"id\":\"unfini";
        byte[] bytes = text.getBytes(UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LineFilter("2026-11-23T10:15:31.000Z", Long.MAX_VALUE, out).copy(new ByteArrayInputStream(bytes),
                bytes.length);
        assertThat(out.toString(UTF_8)).isEqualTo(longLine + "\n{\"time\":\"2026-11-23T10:15:32.000Z\",\"id\":\"new\"}\n");

        ByteArrayOutputStream limited = new ByteArrayOutputStream();
        LineFilter filter = new LineFilter(null, 1, limited);
        filter.copy(new ByteArrayInputStream(bytes), bytes.length);
        assertThat(limited.toString(UTF_8)).isEqualTo("{\"time\":\"2026-11-23T10:15:30.000Z\",\"id\":\"old\"}\n");
        assertThat(filter.full()).isTrue();
    }

    @Test
    void parsesSinceForms() {
        assertThat(PredictionLog.parseSince(null)).isNull();
        assertThat(PredictionLog.parseSince("")).isNull();
        assertThat(PredictionLog.parseSince("  ")).isNull();
        assertThat(PredictionLog.parseSince("2026-11-23T10:15:30Z")).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(PredictionLog.parseSince("2026-11-23T10:15:30.123Z")).isEqualTo(T0);
        assertThat(PredictionLog.parseSince("1795428930123")).isEqualTo(T0);
        assertThat(PredictionLog.parseSince("0")).isEqualTo(Instant.EPOCH);
        for (String bad : List.of("yesterday", "2026-11-23", "2026-11-23T10:15:30", "-5", "1.5e12",
                "99999999999999999999")) {
            assertThatThrownBy(() -> PredictionLog.parseSince(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'since' must be an ISO-8601 UTC instant such as 2026-11-23T10:15:30Z or "
                            + "2026-11-23T10:15:30.123Z, or epoch milliseconds such as 1795428930123; got '" + bad + "'");
        }
    }

    @Test
    void rejectsSettingsOutOfRange() {
        assertThatThrownBy(() -> settings(0, 10, 4096, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prediction log setting maxFileBytes must be at least 1, got 0");
        assertThatThrownBy(() -> settings(1, 10, 4096, 0))
                .hasMessage("prediction log setting queueCapacity must be at least 1, got 0");
        assertThat(Settings.defaults()).isEqualTo(settings(16 << 20, 10, 4096, 1_000));
    }

    @Test
    void openFailsClearlyWhenTheFolderIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThatThrownBy(() -> PredictionLog.open(file, Settings.defaults())).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot create the prediction log folder " + file);
    }
}
