package dev.cairn.core.monitoring;

import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.drift.DriftReport;
import java.time.Instant;
import java.util.List;

/**
 * The drift of one window of predictions against the reference.
 *
 * @param span the window's rows and time span
 * @param report the comparison, or null when the window had too few rows to test
 */
public record WindowDrift(Windowing.Span span, DriftReport report) {

    public Instant start() {
        return span.start();
    }

    public Instant end() {
        return span.end();
    }

    public int rows() {
        return span.rows();
    }

    /** Too few rows for a test to mean anything: shown, never tested, never alerted on. */
    public boolean tooSmall() {
        return report == null;
    }

    /** Share of compared columns that drifted; NaN when the window was too small. */
    public double driftedShare() {
        return report == null ? Double.NaN : report.driftedShare();
    }

    public boolean datasetDrift() {
        return report != null && report.datasetDrift();
    }

    /** Per-column verdicts; empty when the window was too small. */
    public List<ColumnDrift> columns() {
        return report == null ? List.of() : report.columns();
    }
}
