package dev.cairn.app.task;

/** Runs {@link BackgroundTask}s off the JavaFX thread; the one way the app does background work. */
public interface TaskExecutor {

    /** Starts {@code task}; call on the JavaFX thread. Returns a handle to cancel it. */
    <T> TaskHandle execute(BackgroundTask<T> task);
}
