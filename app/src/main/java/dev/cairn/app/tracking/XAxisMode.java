package dev.cairn.app.tracking;

/** What a metric chart's x axis counts. */
public enum XAxisMode {
    STEP("Step"), WALL_TIME("Wall time"), RELATIVE_TIME("Relative time (s)");

    private final String label;

    XAxisMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The x values for a series logged at these steps and epoch-millisecond timestamps. */
    double[] values(long[] steps, long[] timestamps, long runStart) {
        double[] x = new double[steps.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (this) {
                case STEP -> steps[i];
                case WALL_TIME -> timestamps[i] / 1000.0;
                case RELATIVE_TIME -> (timestamps[i] - runStart) / 1000.0;
            };
        }
        return x;
    }
}
