package dev.cairn.core.tracking;

import dev.cairn.core.error.CairnException;

/** A tracking request that cannot be carried out; its {@link Kind} says why, in MLflow's terms. */
public class TrackingException extends CairnException {

    private static final long serialVersionUID = 1L;

    /** Why the request failed; the REST layer maps each to MLflow's error code and HTTP status. */
    public enum Kind {
        /** An unknown experiment, run or key: RESOURCE_DOES_NOT_EXIST, 404. */
        NOT_FOUND,
        /** A duplicate name: RESOURCE_ALREADY_EXISTS, 400. */
        ALREADY_EXISTS,
        /** A bad value, filter or batch: INVALID_PARAMETER_VALUE, 400. */
        INVALID_PARAMETER,
        /** An operation the entity's state forbids: INVALID_STATE, 500. */
        INVALID_STATE
    }

    private final Kind kind;

    public TrackingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static TrackingException notFound(String message) {
        return new TrackingException(Kind.NOT_FOUND, message);
    }

    public static TrackingException invalid(String message) {
        return new TrackingException(Kind.INVALID_PARAMETER, message);
    }
}
