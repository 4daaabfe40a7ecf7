package dev.cairn.core.progress;

/**
 * Lets the caller of long work in core ask it to stop. Work polls it between steps and ends by
 * throwing {@link OperationCancelledException}, leaving stored data as it was before it began.
 */
@FunctionalInterface
public interface Cancellation {

    /** Never cancelled, for work that runs to the end. */
    Cancellation NEVER = () -> false;

    /** Whether the caller has asked the work to stop. */
    boolean isCancelled();

    /** Throws {@link OperationCancelledException} if the caller has asked the work to stop. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new OperationCancelledException();
        }
    }
}
