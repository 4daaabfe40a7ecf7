package dev.cairn.core.error;

/**
 * A failure a user can cause or fix (a bad file, a locked data directory, an unreachable host).
 * Its message is written for that user: what went wrong and what to do next, no stack trace.
 */
public class CairnException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CairnException(String message) {
        super(message);
    }

    public CairnException(String message, Throwable cause) {
        super(message, cause);
    }
}
