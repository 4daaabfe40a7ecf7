package dev.cairn.core.bench;

/** Receives a running sweep's progress, on the thread that called {@link SweepRunner#run}. */
public interface SweepListener {

    /** A listener that ignores progress. */
    SweepListener NONE = (point, points, value, progress) -> { };

    /**
     * Progress of the benchmark at one point.
     *
     * @param point the point's index, from 0
     * @param points how many points the sweep has
     * @param value the swept setting's value at this point
     */
    void progress(int point, int points, int value, BenchmarkProgress progress);

    /** A point finished and was stored. */
    default void finished(int point, StoredBenchmark stored) {
    }

    /** The fraction of the whole sweep done, from 0 to 1, given one point's progress. */
    static double fraction(int point, int points, BenchmarkProgress progress) {
        return (point + progress.fraction()) / points;
    }
}
