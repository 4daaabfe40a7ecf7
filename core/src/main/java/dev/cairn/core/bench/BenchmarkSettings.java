package dev.cairn.core.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a benchmark does: how long it warms up and measures, how many threads share the session, how the inputs are
 * shaped and filled, and how the ONNX Runtime session is configured. The defaults ({@link #defaults()}) follow
 * {@code onnxruntime_perf_test}: ONNX Runtime's own thread counts, all graph optimisations, the CPU provider.
 *
 * @param warmup inferences (or seconds) run before measuring, not recorded
 * @param measured inferences (or seconds) recorded, in all threads together
 * @param concurrency threads calling {@code run} on the one shared session at once
 * @param batch the size given to every input's free first dimension; null keeps the model's own (or 1 when free)
 * @param dims sizes for the model's other free dimensions: symbolic name to size, or {@code INPUT:AXIS} for a free
 *     dimension without a name
 * @param intraOpThreads threads one operator may use; 0 for ONNX Runtime's default (one per core)
 * @param interOpThreads threads running independent operators in parallel mode; 0 for ONNX Runtime's default
 */
public record BenchmarkSettings(RunLimit warmup, RunLimit measured, int concurrency, Integer batch,
        Map<String, Long> dims, int intraOpThreads, int interOpThreads, ExecutionMode executionMode,
        OptimizationLevel optimization, Provider provider, InputSource input) {

    /** Operator scheduling, as ONNX Runtime names it. */
    public enum ExecutionMode { SEQUENTIAL, PARALLEL }

    /** Graph optimisation levels, as {@code onnxruntime_perf_test -o} and ONNX Runtime's docs name them. */
    public enum OptimizationLevel { DISABLE, BASIC, EXTENDED, ALL }

    /** Execution providers; CUDA needs the GPU build of ONNX Runtime and a device. */
    public enum Provider { CPU, CUDA }

    /** Checks every setting; a bad one fails with a message naming it and the allowed values. */
    public BenchmarkSettings {
        require(warmup != null && measured != null, "warm-up and measured phases must be set");
        require(concurrency >= 1, "concurrency must be at least 1, got " + concurrency);
        require(batch == null || batch >= 1, "the batch size must be at least 1, got " + batch);
        require(intraOpThreads >= 0, "intra-op threads must be 0 (ONNX Runtime's default) or more, got "
                + intraOpThreads);
        require(interOpThreads >= 0, "inter-op threads must be 0 (ONNX Runtime's default) or more, got "
                + interOpThreads);
        require(executionMode != null && optimization != null && provider != null && input != null,
                "execution mode, optimisation level, provider and input source must be set");
        Map<String, Long> sorted = dims == null ? new TreeMap<>() : new TreeMap<>(dims);
        for (Map.Entry<String, Long> dim : sorted.entrySet()) {
            require(dim.getValue() != null && dim.getValue() >= 1,
                    "dimension '" + dim.getKey() + "' must be at least 1, got " + dim.getValue());
        }
        dims = java.util.Collections.unmodifiableMap(sorted);
        require(input.isGenerated() || (batch == null && dims.isEmpty()),
                "the batch size and dimension sizes shape generated inputs; tensors read from a file keep their "
                        + "own shapes (drop the batch and dimension sizes, or the input file)");
    }

    /** 10 warm-up runs, 10 measured seconds, one thread, ONNX Runtime's defaults, random inputs (seed 42). */
    public static BenchmarkSettings defaults() {
        return new BenchmarkSettings(RunLimit.ofRuns(10), RunLimit.ofSeconds(10), 1, null, Map.of(), 0, 0,
                ExecutionMode.SEQUENTIAL, OptimizationLevel.ALL, Provider.CPU, InputSource.random(42));
    }

    /** Parses an optimisation level as users write it ({@code disable}, {@code basic}, {@code extended}, {@code all}). */
    public static OptimizationLevel parseOptimization(String text) {
        try {
            return OptimizationLevel.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BenchmarkException("unknown optimisation level '" + text
                    + "' (use disable, basic, extended or all)");
        }
    }

    public BenchmarkSettings withWarmup(RunLimit limit) {
        return new BenchmarkSettings(limit, measured, concurrency, batch, dims, intraOpThreads, interOpThreads,
                executionMode, optimization, provider, input);
    }

    public BenchmarkSettings withMeasured(RunLimit limit) {
        return new BenchmarkSettings(warmup, limit, concurrency, batch, dims, intraOpThreads, interOpThreads,
                executionMode, optimization, provider, input);
    }

    public BenchmarkSettings withConcurrency(int threads) {
        return new BenchmarkSettings(warmup, measured, threads, batch, dims, intraOpThreads, interOpThreads,
                executionMode, optimization, provider, input);
    }

    public BenchmarkSettings withBatch(Integer size) {
        return new BenchmarkSettings(warmup, measured, concurrency, size, dims, intraOpThreads, interOpThreads,
                executionMode, optimization, provider, input);
    }

    public BenchmarkSettings withDims(Map<String, Long> sizes) {
        return new BenchmarkSettings(warmup, measured, concurrency, batch, sizes, intraOpThreads, interOpThreads,
                executionMode, optimization, provider, input);
    }

    public BenchmarkSettings withThreads(int intraOp, int interOp) {
        return new BenchmarkSettings(warmup, measured, concurrency, batch, dims, intraOp, interOp, executionMode,
                optimization, provider, input);
    }

    public BenchmarkSettings withExecutionMode(ExecutionMode mode) {
        return new BenchmarkSettings(warmup, measured, concurrency, batch, dims, intraOpThreads, interOpThreads, mode,
                optimization, provider, input);
    }

    public BenchmarkSettings withOptimization(OptimizationLevel level) {
        return new BenchmarkSettings(warmup, measured, concurrency, batch, dims, intraOpThreads, interOpThreads,
                executionMode, level, provider, input);
    }

    public BenchmarkSettings withProvider(Provider chosen) {
        return new BenchmarkSettings(warmup, measured, concurrency, batch, dims, intraOpThreads, interOpThreads,
                executionMode, optimization, chosen, input);
    }

    public BenchmarkSettings withInput(InputSource source) {
        return new BenchmarkSettings(warmup, measured, concurrency, batch, dims, intraOpThreads, interOpThreads,
                executionMode, optimization, provider, source);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new BenchmarkException(message);
        }
    }
}
