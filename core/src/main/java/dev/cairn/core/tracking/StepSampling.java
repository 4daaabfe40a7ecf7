package dev.cairn.core.tracking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The steps MLflow's {@code metrics/get-history-bulk-interval} keeps when it samples the histories of several runs for
 * a chart (AbstractStore.get_metric_history_bulk_interval): at most {@code maxResults} of the steps logged by any of
 * the runs, evenly spaced, plus the last one and each run's first and last step in the range.
 */
public final class StepSampling {

    private StepSampling() {
    }

    /**
     * @param stepsPerRun the steps each run logged (any order, repeats allowed)
     * @param start       the first step wanted, or null (then 0 to the last step logged)
     * @param end         the last step wanted, or null; given together with {@code start}
     */
    public static long[] sample(List<long[]> stepsPerRun, Long start, Long end, int maxResults) {
        TreeSet<Long> distinct = new TreeSet<>();
        TreeSet<Long> minsAndMaxes = new TreeSet<>();
        for (long[] steps : stepsPerRun) {
            if (steps.length == 0) {
                continue;
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (long step : steps) {
                distinct.add(step);
                min = Math.min(min, step);
                max = Math.max(max, step);
            }
            minsAndMaxes.add(min);
            minsAndMaxes.add(max);
        }
        if (distinct.isEmpty()) {
            return new long[0];
        }
        long from = start == null ? 0 : start;
        long to = end == null ? distinct.last() : end;
        long[] all = distinct.stream().mapToLong(Long::longValue).toArray();
        int startIndex = lowerBound(all, from);
        int endIndex = upperBound(all, to);
        TreeSet<Long> sampled = new TreeSet<>();
        int count = endIndex - startIndex;
        if (count <= maxResults) {
            for (int i = startIndex; i < endIndex; i++) {
                sampled.add(all[i]);
            }
        } else {
            double interval = (double) count / maxResults;
            for (int i = 0; i < maxResults; i++) {
                int index = startIndex + (int) (i * interval);
                if (index < endIndex) {
                    sampled.add(all[index]);
                }
            }
            sampled.add(all[endIndex - 1]);
        }
        for (long step : minsAndMaxes) {
            if (step >= from && step <= to) {
                sampled.add(step);
            }
        }
        return sampled.stream().mapToLong(Long::longValue).toArray();
    }

    /** The indices of a series' points whose step is one of {@code steps} (sorted), by step then time then value. */
    public static List<Integer> pointsAt(MetricSeries series, long[] steps) {
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            if (Arrays.binarySearch(steps, series.steps()[i]) >= 0) {
                chosen.add(i);
            }
        }
        chosen.sort((a, b) -> {
            int order = Long.compare(series.steps()[a], series.steps()[b]);
            if (order == 0) {
                order = Long.compare(series.timestamps()[a], series.timestamps()[b]);
            }
            return order != 0 ? order : Double.compare(series.values()[a], series.values()[b]);
        });
        return chosen;
    }

    private static int lowerBound(long[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, value);
        return index >= 0 ? index : -index - 1;
    }

    private static int upperBound(long[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, value);
        return index >= 0 ? index + 1 : -index - 1;
    }
}
