package dev.cairn.app.task;

/** A started {@link BackgroundTask}. */
public interface TaskHandle {

    /** Asks the task to stop; its work sees the request through its {@code Cancellation}. */
    void cancel();
}
