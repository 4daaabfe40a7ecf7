package dev.cairn.core.tracking;

/** A run's state, with MLflow's numbering (the file store writes the numbers). */
public enum RunStatus {
    RUNNING(1), SCHEDULED(2), FINISHED(3), FAILED(4), KILLED(5);

    private final int number;

    RunStatus(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The status with MLflow's number {@code number}. */
    public static RunStatus ofNumber(int number) {
        for (RunStatus status : values()) {
            if (status.number == number) {
                return status;
            }
        }
        throw TrackingException.invalid("Unknown run status number " + number);
    }

    /** The status named {@code name}, or an INVALID_PARAMETER error naming the choices. */
    public static RunStatus parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw TrackingException.invalid("Invalid run status '" + name
                    + "': expected RUNNING, SCHEDULED, FINISHED, FAILED or KILLED");
        }
    }
}
