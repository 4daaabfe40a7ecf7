package dev.cairn.core.monitoring;

import dev.cairn.core.drift.ColumnDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A window whose drift crossed the line: dataset drift, or drift of a column chosen for alerts.
 *
 * @param windowing the windowing that made the window ({@code hour}, {@code day} or a row count)
 * @param windowKey names the window among the source's windows of that windowing
 * @param reason a sentence for the user, e.g. "dataset drift: 3 of 4 columns drifted (share 0.75)"
 */
public record DriftAlert(String source, String referenceSha256, String windowing, String windowKey,
        Instant windowStart, Instant windowEnd, String reason, Instant raisedAt) {

    /** The alert {@code window} raises, if it crossed the line. */
    static Optional<DriftAlert> of(MonitoringResult result, WindowDrift window, Set<String> alertColumns,
            Instant now) {
        if (window.tooSmall()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        if (window.datasetDrift()) {
            reasons.add(String.format(Locale.ROOT, "dataset drift: %d of %d columns drifted (share %.2f, threshold "
                    + "%.2f)", window.report().driftedColumns(), window.columns().size(), window.driftedShare(),
                    window.report().driftShare()));
        }
        for (ColumnDrift column : window.columns()) {
            if (column.drifted() && alertColumns.contains(column.column())) {
                reasons.add(String.format(Locale.ROOT, "column %s drifted (%s %.4g, threshold %.4g)",
                        column.column(), column.test().id(), column.score(), column.threshold()));
            }
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DriftAlert(result.source(), result.referenceSha256(), result.windowing().toString(),
                window.span().key(), window.start(), window.end(), String.join("; ", reasons), now));
    }
}
