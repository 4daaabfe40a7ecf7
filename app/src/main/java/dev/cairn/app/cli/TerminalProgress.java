package dev.cairn.app.cli;

import dev.cairn.core.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows core's progress as a one-line bar on stderr, redrawn in place, when stderr is a terminal;
 * in pipelines (CI logs) it prints nothing, so output stays clean.
 */
final class TerminalProgress implements ProgressListener, AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    TerminalProgress(PrintWriter err) {
        this.err = err;
        this.enabled = System.console() != null;
    }

    @Override
    public void progress(long done, long total, String message) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < REDRAW_NANOS && done < total) {
            return;
        }
        lastDraw = now;
        String bar;
        if (total > 0 && done >= 0) {
            int filled = (int) (WIDTH * Math.min(1.0, (double) done / total));
            bar = String.format(Locale.ROOT, "[%s%s] %3d%% ", "#".repeat(filled), " ".repeat(WIDTH - filled),
                    (int) (100.0 * done / total));
        } else {
            bar = "[" + " ".repeat(WIDTH) + "]      ";
        }
        String line = bar + message;
        err.print("\r" + (line.length() > 100 ? line.substring(0, 100) : line) + "\u001b[K");
        err.flush();
        drawn = true;
    }

    /** Ends the bar's line so what follows starts on a fresh one. */
    @Override
    public void close() {
        if (drawn) {
            err.println();
        }
    }
}
