package dev.cairn.charts;

/** Exponential moving average, debiased as TensorBoard does, so the first points are not pulled to zero. */
public final class Smoothing {

    private Smoothing() {
    }

    /**
     * @param weight 0 (no smoothing) to below 1 (heavy); NaN and infinite inputs are passed through and skipped
     */
    public static double[] ema(double[] values, double weight) {
        double[] smoothed = new double[values.length];
        double last = 0;
        int counted = 0;
        for (int i = 0; i < values.length; i++) {
            double value = values[i];
            if (!Double.isFinite(value)) {
                smoothed[i] = value;
                continue;
            }
            last = last * weight + (1 - weight) * value;
            counted++;
            double debias = weight == 0 ? 1 : 1 - Math.pow(weight, counted);
            smoothed[i] = last / debias;
        }
        return smoothed;
    }
}
