package dev.cairn.app.task;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;

/** The body of a {@link BackgroundTask}: runs off the JavaFX thread, reports progress, honours cancellation. */
@FunctionalInterface
public interface Work<T> {

    T run(ProgressListener progress, Cancellation cancellation) throws Exception;
}
