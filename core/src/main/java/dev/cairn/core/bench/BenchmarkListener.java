package dev.cairn.core.bench;

import dev.cairn.core.progress.ProgressListener;
import java.util.Locale;

/** Receives a running benchmark's progress, on the thread that called the runner, never on a measuring thread. */
@FunctionalInterface
public interface BenchmarkListener {

    /** A listener that ignores progress. */
    BenchmarkListener NONE = progress -> { };

    void progress(BenchmarkProgress progress);

    /** Reports through core's plain progress interface (per mille done, and a sentence). */
    static BenchmarkListener of(ProgressListener listener) {
        return progress -> {
            String message = switch (progress.phase()) {
                case LOADING -> "Creating the session";
                case WARMUP -> "Warming up";
                case MEASURING -> String.format(Locale.ROOT, "Measuring: %,d inferences, P50 %.3f ms",
                        progress.completed(), progress.recent().p50Nanos() / 1e6);
            };
            listener.progress(Math.round(progress.fraction() * 1000), 1000, message);
        };
    }
}
