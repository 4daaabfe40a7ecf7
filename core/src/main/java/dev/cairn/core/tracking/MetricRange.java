package dev.cairn.core.tracking;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The lowest and highest value a run logged for one metric, and at which steps (the first such step on a tie).
 * NaN values are left out; a metric with nothing but NaN has NaN bounds and step -1.
 */
public record MetricRange(double min, long minStep, double max, long maxStep) {

    /** No points yet: merging anything into it gives that thing. */
    public static final MetricRange EMPTY = new MetricRange(Double.NaN, -1, Double.NaN, -1);

    /** Metric names that are better low, as MLflow users name them; everything else counts as better high. */
    private static final Pattern LOWER_IS_BETTER = Pattern.compile(
            "loss|error|err\\b|mse|mae|mape|rmse|perplexity|wer|cer|latency|time|duration|distance|regret");

    /** The range of these points (steps and values at the same index). */
    public static MetricRange of(long[] steps, double[] values, int count) {
        MetricRange range = EMPTY;
        for (int i = 0; i < count; i++) {
            range = range.with(steps[i], values[i]);
        }
        return range;
    }

    /** This range with one more point. */
    public MetricRange with(long step, double value) {
        if (Double.isNaN(value)) {
            return this;
        }
        boolean empty = minStep < 0;
        boolean lower = empty || value < min || value == min && step < minStep;
        boolean higher = empty || value > max || value == max && step < maxStep;
        return new MetricRange(lower ? value : min, lower ? step : minStep, higher ? value : max,
                higher ? step : maxStep);
    }

    /** The range over both. */
    public MetricRange merge(MetricRange other) {
        if (other.minStep < 0) {
            return this;
        }
        return with(other.minStep, other.min).with(other.maxStep, other.max);
    }

    /** Whether a metric of this name is better when lower (loss, error, rmse, ...), by its name. */
    public static boolean lowerIsBetter(String key) {
        return LOWER_IS_BETTER.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    /** The step of the best value: the lowest for a loss-like name, the highest otherwise; -1 when none. */
    public long bestStep(String key) {
        return lowerIsBetter(key) ? minStep : maxStep;
    }

    /** The best value, by the same rule as {@link #bestStep}. */
    public double best(String key) {
        return lowerIsBetter(key) ? min : max;
    }
}
