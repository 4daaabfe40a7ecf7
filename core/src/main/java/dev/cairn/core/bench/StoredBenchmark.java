package dev.cairn.core.bench;

/** A benchmark result as kept in the workspace: its id, when it was stored, and the model it measured. */
public record StoredBenchmark(long id, long createdAtMillis, BenchmarkedModel model, BenchmarkResult result) {
}
