package dev.cairn.core.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How predictions are cut into windows for drift: by UTC hour, by UTC day, or every {@code rows} rows. Hours and days
 * with no predictions have no window.
 *
 * @param unit {@link ChronoUnit#HOURS}, {@link ChronoUnit#DAYS}, or null for windows of {@code rows} rows
 */
public record Windowing(ChronoUnit unit, int rows) {

    public Windowing {
        if (unit == null && rows < 1 || unit != null && unit != ChronoUnit.HOURS && unit != ChronoUnit.DAYS) {
            throw new MonitoringException("A window is an hour, a day, or a number of rows of at least 1");
        }
    }

    public static Windowing hourly() {
        return new Windowing(ChronoUnit.HOURS, 0);
    }

    public static Windowing daily() {
        return new Windowing(ChronoUnit.DAYS, 0);
    }

    public static Windowing everyRows(int rows) {
        return new Windowing(null, rows);
    }

    /** {@code hour}, {@code day} or a whole number of rows, as {@link #toString()} writes it. */
    public static Windowing parse(String text) {
        String trimmed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (trimmed) {
            case "hour", "hourly", "1h" -> {
                return hourly();
            }
            case "day", "daily", "1d" -> {
                return daily();
            }
            default -> {
                try {
                    return everyRows(Integer.parseInt(trimmed));
                } catch (NumberFormatException e) {
                    throw new MonitoringException("A window is 'hour', 'day' or a number of rows such as 500, not '"
                            + text + "'");
                }
            }
        }
    }

    /**
     * One window's rows [from, to) and the time span it stands for.
     *
     * @param key names the window among its source's windows of this windowing, for alerts
     */
    public record Span(String key, int from, int to, Instant start, Instant end) {
        public int rows() {
            return to - from;
        }
    }

    /** Cuts {@code table}'s rows (in time order) into windows. */
    List<Span> spans(PredictionTable table) {
        List<Span> spans = new ArrayList<>();
        int rowCount = table.rows();
        int from = 0;
        while (from < rowCount) {
            int to;
            Instant start;
            Instant end;
            if (unit == null) {
                to = Math.min(rowCount, from + rows);
                start = table.time(from);
                end = table.time(to - 1);
            } else {
                start = table.time(from).truncatedTo(unit);
                end = start.plus(Duration.of(1, unit));
                to = from;
                while (to < rowCount && table.time(to).isBefore(end)) {
                    to++;
                }
            }
            spans.add(new Span(unit == null ? "rows " + from : start.toString(), from, to, start, end));
            from = to;
        }
        return spans;
    }

    @Override
    public String toString() {
        return unit == ChronoUnit.HOURS ? "hour" : unit == ChronoUnit.DAYS ? "day" : Integer.toString(rows);
    }
}
