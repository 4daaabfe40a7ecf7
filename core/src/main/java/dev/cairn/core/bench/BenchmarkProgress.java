package dev.cairn.core.bench;

/**
 * A benchmark's state a few times a second, for a live chart or a progress bar.
 *
 * @param completed inferences finished in this phase, all threads together
 * @param target inferences the phase runs, or -1 when it is timed
 * @param elapsedSeconds time since the phase began
 * @param targetSeconds the phase's duration, or 0 when it counts runs
 * @param recent latencies of the inferences finished since the previous report (empty figures during warm-up)
 */
public record BenchmarkProgress(Phase phase, long completed, long target, double elapsedSeconds,
        double targetSeconds, LatencyFigures recent) {

    /** The steps of a benchmark. */
    public enum Phase { LOADING, WARMUP, MEASURING }

    /** The fraction done, from 0 to 1, by count or by time. */
    public double fraction() {
        double done = target > 0 ? (double) completed / target : targetSeconds > 0 ? elapsedSeconds / targetSeconds : 0;
        return Math.max(0, Math.min(1, done));
    }
}
