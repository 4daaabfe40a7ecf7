package dev.cairn.app.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;

/**
 * Work to run off the JavaFX thread, with callbacks that run on it: {@code onSuccess} with the
 * result, the first matching {@code onError} with the failure, then {@code andFinally}. Failures
 * no handler takes go to the executor's error reporter. Every view model runs its work this way.
 */
public final class BackgroundTask<T> {

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = result -> { };
    private final List<ErrorHandler<?>> errorHandlers = new ArrayList<>();
    private Runnable andFinally = () -> { };
    private BooleanProperty busy;

    private BackgroundTask(String title, Work<T> work) {
        this.title = title;
        this.work = work;
    }

    /**
     * Creates a task.
     *
     * @param title what the status bar shows while it runs, e.g. "Loading workspace summary"
     */
    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> handler) {
        this.onSuccess = handler;
        return this;
    }

    /** Handles failures of type {@code type}; handlers are tried in the order they were added. */
    public <E extends Throwable> BackgroundTask<T> onError(Class<E> type, Consumer<? super E> handler) {
        errorHandlers.add(new ErrorHandler<>(type, handler));
        return this;
    }

    public BackgroundTask<T> andFinally(Runnable handler) {
        this.andFinally = handler;
        return this;
    }

    /** Sets {@code busy} to true while the task runs, so views can disable their controls. */
    public BackgroundTask<T> busy(BooleanProperty busy) {
        this.busy = busy;
        return this;
    }

    public String title() {
        return title;
    }

    Work<T> work() {
        return work;
    }

    void started() {
        if (busy != null) {
            busy.set(true);
        }
    }

    void succeeded(T result) {
        onSuccess.accept(result);
    }

    /** Hands {@code failure} to the first matching handler; returns false when none took it. */
    boolean failed(Throwable failure) {
        Optional<ErrorHandler<?>> handler = errorHandlers.stream().filter(h -> h.type.isInstance(failure)).findFirst();
        handler.ifPresent(h -> h.accept(failure));
        return handler.isPresent();
    }

    void finished() {
        if (busy != null) {
            busy.set(false);
        }
        andFinally.run();
    }

    private record ErrorHandler<E extends Throwable>(Class<E> type, Consumer<? super E> handler) {
        void accept(Throwable failure) {
            handler.accept(type.cast(failure));
        }
    }
}
