package dev.cairn.core.progress;

/**
 * Receives progress from long work in core. The GUI adapts it to a JavaFX task, the CLI to a
 * progress bar; core never knows which, and calls it on whatever thread runs the work.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress, for callers that do not show it. */
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * Reports that {@code done} of {@code total} units are finished.
     *
     * @param done    units finished so far, or -1 when unknown
     * @param total   units in all, or -1 when unknown
     * @param message a short human sentence about the current step, never null
     */
    void progress(long done, long total, String message);
}
