package dev.cairn.core.progress;

/** Thrown by long work that stopped because its caller cancelled it. */
public class OperationCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OperationCancelledException() {
        super("Cancelled");
    }
}
