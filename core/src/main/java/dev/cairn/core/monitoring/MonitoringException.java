package dev.cairn.core.monitoring;

import dev.cairn.core.error.CairnException;

/** A prediction log that cannot be pulled or analysed, with a message saying what to check. */
public class MonitoringException extends CairnException {

    private static final long serialVersionUID = 1L;

    public MonitoringException(String message) {
        super(message);
    }

    public MonitoringException(String message, Throwable cause) {
        super(message, cause);
    }
}
