package dev.cairn.app.task;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.OperationCancelledException;
import dev.cairn.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs background tasks at once on the calling thread, so view-model tests need neither JavaFX
 * threads nor waiting. Failures no task handles are collected for the test to check.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private final List<Throwable> unhandled = new ArrayList<>();

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        task.started();
        try {
            task.succeeded(task.work().run(ProgressListener.NONE, Cancellation.NEVER));
        } catch (OperationCancelledException e) {
            // cancelled work reports nothing
        } catch (Exception e) {
            if (!task.failed(e)) {
                unhandled.add(e);
            }
        } finally {
            task.finished();
        }
        return () -> { };
    }

    /** Failures that no {@code onError} handler took. */
    public List<Throwable> unhandled() {
        return unhandled;
    }
}
