package dev.cairn.core.store;

import dev.cairn.core.error.CairnException;

/** The database could not be opened, read or written. */
public class StoreException extends CairnException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
