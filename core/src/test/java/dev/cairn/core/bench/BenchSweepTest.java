package dev.cairn.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.progress.OperationCancelledException;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.testdata.TestData;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sweeps: how values are written, real sweeps on the shared models, storage, failures and cancellation. */
@ExtendWith(FreshWorkspaceExtension.class)
class BenchSweepTest {

    private static final BenchmarkSettings SHORT = BenchmarkSettings.defaults()
            .withWarmup(RunLimit.ofRuns(3)).withMeasured(RunLimit.ofRuns(40)).withThreads(1, 0);
    private static final BenchmarkedModel CNN = new BenchmarkedModel("cnn", 2, null, "cnn.onnx");

    @Test
    void valuesAreListsRangesAndDoublingRanges() {
        assertThat(BenchmarkSweep.parse("batch=1,8,32").values()).containsExactly(1, 8, 32);
        assertThat(BenchmarkSweep.parse("threads=1..4").values()).containsExactly(1, 2, 3, 4);
        assertThat(BenchmarkSweep.parse("batch=1..64*2").values()).containsExactly(1, 2, 4, 8, 16, 32, 64);
        assertThat(BenchmarkSweep.parse("CONCURRENCY=1, 2..3").parameter())
                .isEqualTo(BenchmarkSweep.Parameter.CONCURRENCY);
        assertThat(BenchmarkSweep.defaults(BenchmarkSweep.Parameter.BATCH, 2).values())
                .containsExactly(1, 2, 4, 8, 16, 32, 64);
        assertThat(BenchmarkSweep.defaults(BenchmarkSweep.Parameter.THREADS, 3).values()).containsExactly(1, 2, 3);
    }

    @Test
    void badSweepsAreNamed() {
        assertThatThrownBy(() -> BenchmarkSweep.parse("heads=1,2")).hasMessageContaining("unknown sweep parameter 'heads'");
        assertThatThrownBy(() -> BenchmarkSweep.parse("batch")).hasMessageContaining("PARAMETER=VALUES");
        assertThatThrownBy(() -> BenchmarkSweep.parse("batch=1,x")).hasMessageContaining("got 'x'");
        assertThatThrownBy(() -> BenchmarkSweep.parse("batch=0,1")).hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> BenchmarkSweep.parse("batch=2,2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> BenchmarkSweep.parse("threads=8..2")).hasMessageContaining("upwards");
        assertThatThrownBy(() -> BenchmarkSweep.parse("batch=1..1000")).hasMessageContaining("at most 32");
    }

    @Test
    void aBatchSweepStoresOnePointPerValueUnderOneSweep(Workspace workspace) {
        BenchmarkStore store = new BenchmarkStore(workspace.store(), Clock.systemUTC());
        store.save(CNN, new BenchmarkRunner().run(SHORT, cnn(), BenchmarkListener.NONE, () -> false));
        List<String> events = new ArrayList<>();
        SweepListener listener = new SweepListener() {
            @Override
            public void progress(int point, int points, int value, BenchmarkProgress progress) {
                assertThat(SweepListener.fraction(point, points, progress)).isBetween(0.0, 1.0);
            }

            @Override
            public void finished(int point, StoredBenchmark stored) {
                events.add(point + ":" + stored.result().samplesPerInference());
            }
        };

        List<StoredBenchmark> points = new SweepRunner(new BenchmarkRunner(), store).run(
                BenchmarkSweep.parse("batch=1,4,16"), SHORT, cnn(), CNN, listener, () -> false);

        assertThat(events).containsExactly("0:1", "1:4", "2:16");
        assertThat(points).extracting(p -> p.result().inputShapes().get("input_image").get(0))
                .containsExactly(1L, 4L, 16L);
        long sweepId = points.get(0).sweep().sweepId();
        assertThat(points).allSatisfy(p -> assertThat(p.sweep())
                .isEqualTo(new StoredBenchmark.SweepPoint(sweepId, BenchmarkSweep.Parameter.BATCH)));
        assertThat(store.sweep(sweepId)).extracting(p -> p.sweep().valueIn(p)).containsExactly(1, 4, 16);
        assertThat(store.list("cnn")).hasSize(4);
        assertThat(store.list("cnn").get(3).sweep()).isNull(); // the single benchmark stays one
        // A second sweep gets its own id.
        List<StoredBenchmark> again = new SweepRunner(new BenchmarkRunner(), store).run(
                BenchmarkSweep.parse("concurrency=1..2"), SHORT, cnn(), CNN, SweepListener.NONE, () -> false);
        assertThat(again.get(0).sweep().sweepId()).isNotEqualTo(sweepId);
        assertThat(again).extracting(p -> p.result().settings().concurrency()).containsExactly(1, 2);
    }

    @Test
    void aBadPointFailsTheSweepAndKeepsThePointsBeforeIt(Workspace workspace) {
        BenchmarkStore store = new BenchmarkStore(workspace.store(), Clock.systemUTC());
        SweepRunner sweeps = new SweepRunner(new BenchmarkRunner(), store);
        Path squeezenet = TestData.model("light_squeezenet.onnx"); // input [1,3,224,224]: the batch is fixed

        assertThatThrownBy(() -> sweeps.run(BenchmarkSweep.parse("batch=1,2"), SHORT.withMeasured(RunLimit.ofRuns(3)),
                squeezenet, CNN, SweepListener.NONE, () -> false))
                .isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("batch size 2: input 'data_0' has a fixed first dimension 1")
                .hasMessageContaining("the 1 point(s) before it are stored");
        assertThat(store.list(null)).hasSize(1);

        // Settings that cannot hold at all are refused before anything runs.
        assertThatThrownBy(() -> sweeps.run(BenchmarkSweep.parse("batch=1,2"),
                SHORT.withInput(InputSource.file(Path.of("in.json"))), cnn(), CNN, SweepListener.NONE, () -> false))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("keep their own shapes");
        assertThat(store.list(null)).hasSize(1);
    }

    @Test
    void cancellingKeepsTheFinishedPoints(Workspace workspace) {
        BenchmarkStore store = new BenchmarkStore(workspace.store(), Clock.systemUTC());
        AtomicBoolean cancel = new AtomicBoolean();
        SweepListener cancelAfterFirst = new SweepListener() {
            @Override
            public void progress(int point, int points, int value, BenchmarkProgress progress) {
            }

            @Override
            public void finished(int point, StoredBenchmark stored) {
                cancel.set(true);
            }
        };

        assertThatThrownBy(() -> new SweepRunner(new BenchmarkRunner(), store).run(BenchmarkSweep.parse("batch=1,2,4"),
                SHORT, cnn(), CNN, cancelAfterFirst, cancel::get)).isInstanceOf(OperationCancelledException.class);

        assertThat(store.list(null)).hasSize(1);
        assertThat(store.list(null).get(0).sweep().valueIn(store.list(null).get(0))).isEqualTo(1);
    }

    @Test
    void deletingRemovesOnlyTheChosenResults(Workspace workspace) {
        BenchmarkStore store = new BenchmarkStore(workspace.store(), Clock.systemUTC());
        BenchmarkResult result = new BenchmarkRunner().run(SHORT, cnn(), BenchmarkListener.NONE, () -> false);
        long first = store.save(CNN, result).id();
        long second = store.save(CNN, result).id();
        long third = store.save(CNN, result).id();

        assertThat(store.delete(List.of(first, third, 999L))).isEqualTo(2);
        assertThat(store.list(null)).extracting(StoredBenchmark::id).containsExactly(second);
        assertThat(store.delete(List.of())).isZero();
    }

    private static Path cnn() {
        return TestData.model("tribuo_cnn_mnist.onnx");
    }
}
