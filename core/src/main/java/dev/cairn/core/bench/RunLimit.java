package dev.cairn.core.bench;

import java.util.Locale;

/**
 * How long a benchmark phase lasts: a number of inferences, or a number of seconds (exactly one is set).
 *
 * @param runs inferences in all threads together, or 0 when the phase is timed
 * @param seconds wall-clock seconds, or 0 when the phase counts runs
 */
public record RunLimit(long runs, double seconds) {

    /** Checks that exactly one of the two is set. */
    public RunLimit {
        if (runs < 0 || seconds < 0 || Double.isNaN(seconds) || (runs > 0) == (seconds > 0)) {
            throw new BenchmarkException(String.format(Locale.ROOT,
                    "a benchmark phase needs either a run count or a duration, not both or neither (runs %d, "
                            + "seconds %s)", runs, seconds));
        }
    }

    public static RunLimit ofRuns(long runs) {
        if (runs <= 0) {
            throw new BenchmarkException("the number of runs must be positive, got " + runs);
        }
        return new RunLimit(runs, 0);
    }

    public static RunLimit ofSeconds(double seconds) {
        if (!(seconds > 0)) {
            throw new BenchmarkException("the duration must be a positive number of seconds, got " + seconds);
        }
        return new RunLimit(0, seconds);
    }

    /**
     * Reads a limit as users type it: {@code 20} (runs) or {@code 5s} (seconds).
     *
     * @param what names the setting in the error, e.g. "Warm-up"
     */
    public static RunLimit parse(String text, String what) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            return trimmed.endsWith("s") ? ofSeconds(Double.parseDouble(trimmed.substring(0, trimmed.length() - 1)))
                    : ofRuns(Long.parseLong(trimmed));
        } catch (NumberFormatException e) {
            throw new BenchmarkException(what + " takes a number of runs (20) or of seconds (5s), got '" + text + "'");
        }
    }

    /** Whether the phase ends after a number of runs rather than a time. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isCounted() {
        return runs > 0;
    }

    /** As a user would write it: {@code 100 runs} or {@code 10 s}. */
    @Override
    public String toString() {
        return isCounted() ? runs + " runs" : String.format(Locale.ROOT, "%s s", seconds);
    }
}
