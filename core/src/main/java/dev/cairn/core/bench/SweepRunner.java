package dev.cairn.core.bench;

import dev.cairn.core.progress.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a sweep: one benchmark per value of the swept setting, one after the other (never at once, so the points do
 * not compete for cores), each stored as soon as it finishes. A cancel or a failure therefore keeps the points
 * already measured; they share a sweep id so they can be plotted together later.
 */
public final class SweepRunner {

    private final BenchmarkRunner runner;
    private final BenchmarkStore store;

    public SweepRunner(BenchmarkRunner runner, BenchmarkStore store) {
        this.runner = runner;
        this.store = store;
    }

    /**
     * Runs every point of {@code sweep} over {@code base}, in order.
     *
     * @return the stored points, in the sweep's order
     * @throws BenchmarkException when a point's settings are invalid (checked for all points before the first runs)
     *     or a point fails; points stored before the failure stay
     * @throws dev.cairn.core.progress.OperationCancelledException when cancelled; finished points stay
     */
    public List<StoredBenchmark> run(BenchmarkSweep sweep, BenchmarkSettings base, Path modelFile,
            BenchmarkedModel model, SweepListener listener, Cancellation cancellation) {
        List<BenchmarkSettings> points = sweep.settings(base); // a bad value fails here, before minutes of work
        StoredBenchmark.SweepPoint membership = new StoredBenchmark.SweepPoint(store.newSweepId(), sweep.parameter());
        List<StoredBenchmark> stored = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int point = i;
            int value = sweep.values().get(i);
            BenchmarkResult result;
            try {
                result = runner.run(points.get(i), modelFile,
                        progress -> listener.progress(point, points.size(), value, progress), cancellation);
            } catch (BenchmarkException e) {
                throw new BenchmarkException(sweep.parameter().label() + " " + value + ": " + e.getMessage()
                        + (stored.isEmpty() ? "" : " (the " + stored.size() + " point(s) before it are stored)"), e);
            }
            cancellation.throwIfCancelled();
            StoredBenchmark saved = store.save(model, result, membership);
            stored.add(saved);
            listener.finished(point, saved);
        }
        return stored;
    }
}
