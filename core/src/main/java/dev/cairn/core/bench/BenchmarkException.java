package dev.cairn.core.bench;

import dev.cairn.core.error.CairnException;

/** A benchmark that cannot start or cannot go on, with a message saying which setting or input to change. */
public class BenchmarkException extends CairnException {

    private static final long serialVersionUID = 1L;

    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
