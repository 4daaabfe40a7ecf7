package dev.cairn.app.task;

/** How a failed background task reads to a user. */
public final class Failures {

    private Failures() {
    }

    /** The message users see: the cause's when the failure only wraps it, else the exception's name. */
    public static String message(Throwable failure) {
        Throwable shown = failure;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }
}
