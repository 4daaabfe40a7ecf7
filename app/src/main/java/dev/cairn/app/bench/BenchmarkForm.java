package dev.cairn.app.bench;

import dev.cairn.core.bench.BenchmarkException;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.RunLimit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark form's text as {@link BenchmarkSettings}: each field parsed on its own so a bad one is named, then
 * the settings' own checks. Kept apart from the pane so the rules are testable without a display.
 *
 * @param warmupRuns runs before measuring
 * @param measured runs, or seconds when {@code timed}
 * @param batch the free first dimension's size; blank keeps the model's own (1 when free)
 * @param dims sizes of other free dimensions, {@code name=size} separated by commas or spaces
 * @param intraOpThreads 0 or blank for ONNX Runtime's default
 */
public record BenchmarkForm(String warmupRuns, String measured, boolean timed, String concurrency, String batch,
        String dims, String intraOpThreads, BenchmarkSettings.OptimizationLevel optimization) {

    /** What the form shows first: a short run that still gives stable percentiles on small models. */
    public static BenchmarkForm defaults() {
        return new BenchmarkForm("10", "5", true, "1", "", "", "0", BenchmarkSettings.OptimizationLevel.ALL);
    }

    /**
     * The settings these fields describe.
     *
     * @throws BenchmarkException naming the field and what it takes
     */
    public BenchmarkSettings toSettings() {
        long warmup = whole("Warm-up runs", warmupRuns, 0);
        RunLimit limit = timed ? RunLimit.ofSeconds(seconds("Duration", measured))
                : RunLimit.ofRuns(whole("Repetitions", measured, 1));
        int threads = (int) whole("Concurrency", concurrency, 1);
        Integer batchSize = batch == null || batch.isBlank() ? null : (int) whole("Batch size", batch, 1);
        int intraOp = intraOpThreads == null || intraOpThreads.isBlank() ? 0
                : (int) whole("Intra-op threads", intraOpThreads, 0);
        BenchmarkSettings base = BenchmarkSettings.defaults();
        // The runner wants a positive warm-up; a single run is the least, and it also pays the first-inference cost.
        return base.withWarmup(RunLimit.ofRuns(Math.max(1, warmup))).withMeasured(limit).withConcurrency(threads)
                .withBatch(batchSize).withDims(dimensions(dims)).withThreads(intraOp, 0).withOptimization(optimization == null
                        ? BenchmarkSettings.OptimizationLevel.ALL : optimization);
    }

    private static Map<String, Long> dimensions(String text) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return sizes;
        }
        for (String entry : text.trim().split("[,\\s]+")) {
            int equals = entry.lastIndexOf('=');
            if (equals <= 0) {
                throw new BenchmarkException("Other dimensions take name=size, e.g. sequence=128; got '" + entry
                        + "'.");
            }
            String name = entry.substring(0, equals);
            sizes.put(name, whole("Dimension " + name, entry.substring(equals + 1), 1));
        }
        return sizes;
    }

    private static long whole(String field, String text, long least) {
        try {
            long value = Long.parseLong(text == null ? "" : text.trim());
            if (value < least || value > Integer.MAX_VALUE) {
                throw new BenchmarkException(field + " must be a whole number from " + least + " to "
                        + Integer.MAX_VALUE + ", got " + value + ".");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BenchmarkException(field + " must be a whole number, got '" + text + "'.");
        }
    }

    private static double seconds(String field, String text) {
        try {
            double value = Double.parseDouble(text == null ? "" : text.trim());
            if (!(value > 0) || value > 24 * 3600) {
                throw new BenchmarkException(field + " must be more than 0 and at most 86,400 seconds, got " + text
                        + ".");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BenchmarkException(field + " must be a number of seconds, got '" + text + "'.");
        }
    }
}
