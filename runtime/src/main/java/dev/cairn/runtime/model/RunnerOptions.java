package dev.cairn.runtime.model;

/**
 * How a {@link ModelRunner} configures its ONNX Runtime session.
 *
 * @param intraOpThreads threads one operator may use; 0 lets ONNX Runtime choose (one per core). For small models
 *     served to many concurrent requests, 1 gives the best throughput.
 */
public record RunnerOptions(int intraOpThreads) {

    /** Checks the thread count. */
    public RunnerOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be 0 (ORT's default) or positive, got "
                    + intraOpThreads);
        }
    }

    /** ONNX Runtime's defaults. */
    public static RunnerOptions defaults() {
        return new RunnerOptions(0);
    }
}
