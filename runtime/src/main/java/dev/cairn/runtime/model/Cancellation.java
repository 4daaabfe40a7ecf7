package dev.cairn.runtime.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.RunOptions;

/**
 * A handle that stops one inference from another thread (a Stop button): pass it to
 * {@link ModelRunner#run(java.util.List, java.util.Collection, Cancellation)} and call {@link #cancel()}. Cancelling
 * before the run starts makes the run fail at once; a token is good for one cancellation, not reusable.
 */
public final class Cancellation {

    private boolean cancelled;
    private RunOptions active;

    /** Stops the attached inference, or the next one this token is given to. */
    public synchronized void cancel() {
        cancelled = true;
        if (active != null) {
            terminate(active);
        }
    }

    /** Whether {@link #cancel()} was called. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    synchronized void attach(RunOptions options) {
        active = options;
        if (cancelled) {
            terminate(options);
        }
    }

    synchronized void detach() {
        active = null;
    }

    static void terminate(RunOptions options) {
        try {
            options.setTerminate(true);
        } catch (OrtException e) {
            // Setting a flag on live run options does not fail in practice; nothing better to do than ignore it.
        }
    }
}
