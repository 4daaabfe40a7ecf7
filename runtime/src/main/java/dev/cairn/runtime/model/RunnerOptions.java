package dev.cairn.runtime.model;

import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * How a {@link ModelRunner} configures its ONNX Runtime session.
 *
 * @param intraOpThreads threads one operator may use; 0 lets ONNX Runtime choose (one per core). For small models
 *     served to many concurrent requests, 1 gives the best throughput.
 * @param interOpThreads threads for running independent operators at once (parallel execution mode); 0 lets ONNX
 *     Runtime choose
 * @param executionMode sequential or parallel operator scheduling
 * @param optimizationLevel graph optimisations applied when the session is created
 * @param cuda whether to add the CUDA execution provider (needs the GPU build of ONNX Runtime and a device)
 */
public record RunnerOptions(int intraOpThreads, int interOpThreads, ExecutionMode executionMode,
        OptLevel optimizationLevel, boolean cuda) {

    /** Checks the thread counts. */
    public RunnerOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be 0 (ORT's default) or positive, got "
                    + intraOpThreads);
        }
        if (interOpThreads < 0) {
            throw new IllegalArgumentException("interOpThreads must be 0 (ORT's default) or positive, got "
                    + interOpThreads);
        }
        if (executionMode == null || optimizationLevel == null) {
            throw new IllegalArgumentException("executionMode and optimizationLevel must be set");
        }
    }

    /** ONNX Runtime's defaults with a chosen intra-op thread count. */
    public RunnerOptions(int intraOpThreads) {
        this(intraOpThreads, 0, ExecutionMode.SEQUENTIAL, OptLevel.ALL_OPT, false);
    }

    /** ONNX Runtime's defaults. */
    public static RunnerOptions defaults() {
        return new RunnerOptions(0);
    }
}
