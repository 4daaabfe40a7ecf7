package dev.cairn.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.task.CurrentThreadTaskExecutor;
import dev.cairn.core.bench.BenchmarkProgress;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.bench.BenchmarkedModel;
import dev.cairn.core.bench.RunLimit;
import dev.cairn.testdata.TestData;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark view model without a display: tasks run at once, progress is applied on the calling thread. */
class BenchmarkViewModelTest {

    private static final Path IRIS = TestData.model("tribuo_iris_lr.onnx");

    private Workspace workspace;
    private BenchmarkStore store;
    private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-bench-vm-test-"));
        store = new BenchmarkStore(workspace.store(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
    }

    @Test
    void aRunIsStoredAndTheNextPaneShowsItAgain() {
        BenchmarkViewModel first = model(new BenchmarkedModel("iris", 1, null, IRIS.toString()));
        first.start(BenchmarkForm.defaults().toSettings().withMeasured(RunLimit.ofRuns(100)));
        assertThat(tasks.unhandled()).isEmpty();
        assertThat(first.error().get()).isEmpty();
        assertThat(first.result().get().result().latency().count()).isEqualTo(100);
        assertThat(first.ticks()).extracting(BenchmarkProgress::phase).containsSubsequence(
                BenchmarkProgress.Phase.LOADING, BenchmarkProgress.Phase.WARMUP, BenchmarkProgress.Phase.MEASURING);
        assertThat(first.progress().get()).isEqualTo(1.0);
        assertThat(store.list("iris")).hasSize(1);

        BenchmarkViewModel otherVersion = model(new BenchmarkedModel("iris", 2, null, IRIS.toString()));
        otherVersion.loadLatest();
        assertThat(otherVersion.result().get()).isNull();

        BenchmarkViewModel again = model(new BenchmarkedModel("iris", 1, null, IRIS.toString()));
        again.loadLatest();
        assertThat(again.result().get().id()).isEqualTo(first.result().get().id());
        assertThat(again.phase().get()).startsWith("Last run: benchmark " + first.result().get().id());
    }

    @Test
    void aFailureIsAMessageAndNothingIsStored() {
        BenchmarkViewModel model = model(new BenchmarkedModel("iris", 1, null, IRIS.toString()));
        model.start(BenchmarkForm.defaults().toSettings().withMeasured(RunLimit.ofRuns(10)).withDims(
                java.util.Map.of("nonexistent", 3L)));
        assertThat(model.error().get()).contains("nonexistent");
        assertThat(model.result().get()).isNull();
        assertThat(model.running().get()).isFalse();
        assertThat(store.list(null)).isEmpty();
    }

    private BenchmarkViewModel model(BenchmarkedModel benchmarked) {
        return new BenchmarkViewModel(Path.of(benchmarked.file()), benchmarked, tasks, store, Runnable::run);
    }
}
