package dev.cairn.core.bench;

import dev.cairn.testdata.BuildFacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.progress.OperationCancelledException;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.testdata.TestData;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Real benchmarks on the shared models: figures, dims, concurrency, cancellation, inputs from files, storage. */
@ExtendWith(FreshWorkspaceExtension.class)
class BenchRunnerTest {

    private static final BenchmarkSettings SHORT = BenchmarkSettings.defaults()
            .withWarmup(RunLimit.ofRuns(5)).withMeasured(RunLimit.ofRuns(50)).withThreads(1, 0);

    private final BenchmarkRunner runner = new BenchmarkRunner();

    @Test
    void aShortRunOnTheCnnGivesSaneFigures() {
        List<BenchmarkProgress> reports = new CopyOnWriteArrayList<>();
        BenchmarkResult result = runner.run(SHORT.withBatch(8), TestData.model("tribuo_cnn_mnist.onnx"),
                reports::add, () -> false);

        assertThat(result.inputShapes()).containsEntry("input_image", List.of(8L, 1L, 28L, 28L));
        assertThat(result.samplesPerInference()).isEqualTo(8);
        LatencyFigures latency = result.latency();
        assertThat(latency.count()).isEqualTo(50);
        assertThat(latency.minNanos()).isPositive();
        assertThat(latency.minNanos()).isLessThanOrEqualTo(latency.p50Nanos());
        assertThat(latency.p50Nanos()).isLessThanOrEqualTo(latency.p90Nanos());
        assertThat(latency.p90Nanos()).isLessThanOrEqualTo(latency.p99Nanos());
        assertThat(latency.p99Nanos()).isLessThanOrEqualTo(latency.maxNanos());
        assertThat(result.inferencesPerSecond()).isPositive();
        assertThat(result.samplesPerSecond()).isCloseTo(8 * result.inferencesPerSecond(),
                org.assertj.core.data.Percentage.withPercentage(0.001));
        // Throughput and latency describe the same calls: one thread cannot beat 1 / mean latency.
        assertThat(result.inferencesPerSecond()).isLessThanOrEqualTo(1.01e9 / latency.meanNanos());
        assertThat(result.sessionCreationMillis()).isPositive();
        assertThat(result.firstInferenceMillis()).isPositive();
        assertThat(result.peakRssBytes()).isPositive();
        // Process CPU time ticks in 10 ms steps and counts the JIT too: over so short a run only its presence is sure.
        assertThat(result.cpuPercent()).isNotNull().isNotNegative();
        assertThat(result.machine().cores()).isPositive();
        assertThat(result.machine().ortVersion()).isEqualTo(BuildFacts.onnxRuntimeVersion());
        assertThat(reports).extracting(BenchmarkProgress::phase)
                .contains(BenchmarkProgress.Phase.LOADING, BenchmarkProgress.Phase.WARMUP,
                        BenchmarkProgress.Phase.MEASURING);
        BenchmarkProgress last = reports.get(reports.size() - 1);
        assertThat(last.completed()).isEqualTo(50);
        assertThat(last.fraction()).isEqualTo(1.0);
    }

    @Test
    void fourThreadsShareOneSessionForATimedRun() {
        BenchmarkResult result = runner.run(SHORT.withMeasured(RunLimit.ofSeconds(0.5)).withConcurrency(4)
                .withDims(Map.of("sequence", 16L)), TestData.model("tribuo_tinybert.onnx"), BenchmarkListener.NONE,
                () -> false);

        assertThat(result.inputShapes()).containsEntry("input_ids", List.of(1L, 16L));
        assertThat(result.latency().count()).isGreaterThan(20);
        assertThat(result.wallSeconds()).isBetween(0.45, 2.0);
    }

    @Test
    void theOcrModelRunsAtTheGivenImageSize() {
        BenchmarkResult result = runner.run(SHORT.withMeasured(RunLimit.ofRuns(5)).withDims(
                Map.of("p2o.DynamicDimension.1", 64L, "p2o.DynamicDimension.2", 64L)),
                TestData.model("ppocrv4_det.onnx"), BenchmarkListener.NONE, () -> false);
        assertThat(result.inputShapes()).containsEntry("x", List.of(1L, 3L, 64L, 64L));
        assertThat(result.latency().count()).isEqualTo(5);
    }

    @Test
    void cancellingFromAnotherThreadEndsAnEndlessRun() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancelled.set(true);
        });
        canceller.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(SHORT.withMeasured(RunLimit.ofSeconds(600)).withConcurrency(2)
                        .withDims(Map.of("p2o.DynamicDimension.1", 320L, "p2o.DynamicDimension.2", 320L)),
                TestData.model("ppocrv4_det.onnx"), BenchmarkListener.NONE, cancelled::get))
                .isInstanceOf(OperationCancelledException.class);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
        canceller.join();
    }

    @Test
    void badSettingsFailBeforeAnythingRuns() {
        assertThatThrownBy(() -> runner.run(SHORT.withBatch(8), TestData.model("light_squeezenet.onnx"),
                BenchmarkListener.NONE, () -> false))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("a batch size cannot change it");
        assertThatThrownBy(() -> runner.run(SHORT.withDims(Map.of("height", 3L)),
                TestData.model("tribuo_iris_lr.onnx"), BenchmarkListener.NONE, () -> false))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("its free dimensions are batch");
        assertThatThrownBy(() -> runner.run(SHORT, Path.of("no-such-model.onnx"), BenchmarkListener.NONE, () -> false))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("no-such-model.onnx");
        assertThatThrownBy(() -> BenchmarkSettings.defaults().withConcurrency(0))
                .isInstanceOf(BenchmarkException.class).hasMessage("concurrency must be at least 1, got 0");
        assertThatThrownBy(() -> runner.run(SHORT.withProvider(BenchmarkSettings.Provider.CUDA),
                TestData.model("tribuo_iris_lr.onnx"), BenchmarkListener.NONE, () -> false))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("CUDA");
    }

    @Test
    void inputsComeFromAJsonRequestOrACsvBatch(@TempDir Path folder) throws Exception {
        Path json = Files.writeString(folder.resolve("iris.json"), "{\"inputs\": [{\"name\": \"input\", "
                + "\"shape\": [2, 4], \"datatype\": \"FP32\", \"data\": [5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]}]}");
        BenchmarkResult fromJson = runner.run(SHORT.withInput(InputSource.file(json)),
                TestData.model("tribuo_iris_lr.onnx"), BenchmarkListener.NONE, () -> false);
        assertThat(fromJson.inputShapes()).containsEntry("input", List.of(2L, 4L));
        assertThat(fromJson.samplesPerInference()).isEqualTo(2);

        Path csv = Files.writeString(folder.resolve("titanic.csv"),
                "pclass,sex,age,fare,embarked\n1,female,29,211.3,S\n3,male,40,7.9,Q\n2,male,,13,C\n");
        BenchmarkResult fromCsv = runner.run(SHORT.withInput(InputSource.file(csv)),
                TestData.model("skl_pipeline_titanic_mixed_string_float.onnx"), BenchmarkListener.NONE, () -> false);
        assertThat(fromCsv.inputShapes()).containsEntry("age", List.of(3L, 1L));

        assertThatThrownBy(() -> SHORT.withBatch(4).withInput(InputSource.file(json)))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("keep their own shapes");
    }

    @Test
    void aStoredResultComesBackWithItsHistogram(Workspace workspace) {
        BenchmarkResult result = runner.run(SHORT.withMeasured(RunLimit.ofRuns(200)),
                TestData.model("tribuo_iris_lr.onnx"), BenchmarkListener.NONE, () -> false);
        BenchmarkStore store = new BenchmarkStore(workspace.store(), Clock.systemUTC());

        StoredBenchmark saved = store.save(new BenchmarkedModel("iris", 3, "ab".repeat(32), "/tmp/iris.onnx"), result);
        store.save(new BenchmarkedModel("other.onnx", null, null, "other.onnx"), result);
        StoredBenchmark read = store.get(saved.id()).orElseThrow();

        assertThat(read.model()).isEqualTo(new BenchmarkedModel("iris", 3, "ab".repeat(32), "/tmp/iris.onnx"));
        assertThat(read.result().histogram().getTotalCount()).isEqualTo(200);
        assertThat(read.result().latency()).isEqualTo(result.latency());
        assertThat(read.result().histogram().getValueAtPercentile(75))
                .isEqualTo(result.histogram().getValueAtPercentile(75));
        assertThat(read.result().settings()).isEqualTo(result.settings());
        assertThat(read.result().machine()).isEqualTo(result.machine());
        assertThat(read.result().inputShapes()).isEqualTo(result.inputShapes());
        assertThat(read.result().inferencesPerSecond()).isEqualTo(result.inferencesPerSecond());
        assertThat(store.list(null)).hasSize(2);
        assertThat(store.list("iris")).extracting(StoredBenchmark::id).containsExactly(saved.id());
        assertThat(store.get(saved.id() + 100)).isEmpty();
    }
}
