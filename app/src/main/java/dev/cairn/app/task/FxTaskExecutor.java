package dev.cairn.app.task;

import dev.cairn.core.progress.OperationCancelledException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Runs background tasks as JavaFX {@link Task}s on a shared pool of worker threads and lists the
 * running ones, so the status bar can show their progress and offer to cancel them.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private final ExecutorService workers;
    private final Consumer<Throwable> unhandledErrors;
    private final Consumer<String> longWorkDone;
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();
    // One wrapper for everyone: it listens to the list weakly, so a throwaway one stops updating when collected.
    private final ObservableList<Task<?>> runningView = FXCollections.unmodifiableObservableList(running);

    /** Work that takes this long is worth a word when it ends: the user has probably looked away. */
    static final long LONG_WORK_NANOS = 5_000_000_000L;

    /**
     * @param unhandledErrors receives, on the JavaFX thread, failures no task handled itself
     * @param longWorkDone receives, on the JavaFX thread, a sentence when a task that ran five seconds or more
     *     ends well (the task's own message, if it has one, comes after and replaces it)
     */
    public FxTaskExecutor(Consumer<Throwable> unhandledErrors, Consumer<String> longWorkDone) {
        this.unhandledErrors = unhandledErrors;
        this.longWorkDone = longWorkDone;
        this.workers = Executors.newCachedThreadPool(new WorkerThreads());
    }

    /** The tasks running now, for display; changed on the JavaFX thread only. */
    public ObservableList<Task<?>> running() {
        return runningView;
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        Task<T> fxTask = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(task.title());
                return task.work().run((done, total, message) -> {
                    updateProgress(done, total);
                    updateMessage(message);
                }, this::isCancelled);
            }
        };
        long start = System.nanoTime();
        fxTask.setOnSucceeded(event -> {
            running.remove(fxTask);
            long took = System.nanoTime() - start;
            if (took >= LONG_WORK_NANOS) {
                longWorkDone.accept(String.format(java.util.Locale.ROOT, "%s: done in %.0f s.", task.title(),
                        took / 1e9));
            }
            try {
                task.succeeded(fxTask.getValue());
            } finally {
                task.finished();
            }
        });
        fxTask.setOnFailed(event -> {
            running.remove(fxTask);
            try {
                Throwable failure = fxTask.getException();
                if (!(failure instanceof OperationCancelledException) && !task.failed(failure)) {
                    unhandledErrors.accept(failure);
                }
            } finally {
                task.finished();
            }
        });
        fxTask.setOnCancelled(event -> {
            running.remove(fxTask);
            task.finished();
        });
        if (workers.isShutdown()) {
            // The window is closing: a timer's late refresh has nothing to show and nowhere to run.
            return () -> { };
        }
        running.add(fxTask);
        task.started();
        workers.execute(fxTask);
        // Cooperative: the work sees the request through its Cancellation. An interrupt could land
        // inside H2's or ONNX Runtime's I/O and close the database file under the other tasks.
        return () -> fxTask.cancel(false);
    }

    /** Stops accepting tasks and interrupts the running ones (at exit). */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** Daemon threads: a task still running when the window closes must not keep the JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "cairn-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
