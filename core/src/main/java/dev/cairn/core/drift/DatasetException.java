package dev.cairn.core.drift;

import dev.cairn.core.error.CairnException;

/** A data file or drift setting that cannot be used, with a message naming the file, row and column to fix. */
public class DatasetException extends CairnException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
