package dev.cairn.runtime.model;

/** An inference was stopped through {@link Cancellation#cancel()} or {@link ModelRunner#cancelAll()}. */
public class InferenceCancelledException extends InferenceException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with ORT's terminate error as the cause. */
    public InferenceCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
