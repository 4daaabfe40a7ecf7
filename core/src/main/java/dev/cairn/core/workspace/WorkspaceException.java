package dev.cairn.core.workspace;

import dev.cairn.core.error.CairnException;

/** A data directory could not be created or opened. */
public class WorkspaceException extends CairnException {

    private static final long serialVersionUID = 1L;

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
