package dev.cairn.core.deploy;

import dev.cairn.core.error.CairnException;

/** A deployment step that failed for a reason the user can act on: unreachable engine, failed build, unhealthy model. */
public class DeployException extends CairnException {

    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
