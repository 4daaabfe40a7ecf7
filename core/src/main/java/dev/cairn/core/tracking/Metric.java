package dev.cairn.core.tracking;

/** One logged metric point; the value may be NaN or infinite. */
public record Metric(String key, double value, long timestamp, long step) {

    /** Whether this point is later than {@code other} by MLflow's rule: (step, timestamp, value). */
    public boolean isAfter(Metric other) {
        if (step != other.step) {
            return step > other.step;
        }
        if (timestamp != other.timestamp) {
            return timestamp > other.timestamp;
        }
        return Double.compare(value, other.value) > 0;
    }
}
