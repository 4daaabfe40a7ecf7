package dev.cairn.core.bench;

/**
 * A benchmark result as kept in the workspace: its id, when it was stored, the model it measured and, for a point of
 * a sweep, which sweep.
 *
 * @param sweep the sweep this result is a point of, or null for a single benchmark
 */
public record StoredBenchmark(long id, long createdAtMillis, BenchmarkedModel model, BenchmarkResult result,
        SweepPoint sweep) {

    /**
     * Membership of a sweep: the sweep's id and the setting it varies (the value is in the result's settings).
     */
    public record SweepPoint(long sweepId, BenchmarkSweep.Parameter parameter) {

        /** This point's value of the swept setting. */
        public Integer valueIn(StoredBenchmark stored) {
            return parameter.valueIn(stored.result().settings());
        }
    }
}
