package dev.cairn.app.bench;

import dev.cairn.core.bench.BenchmarkException;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.BenchmarkSweep;
import dev.cairn.core.bench.InputSource;
import dev.cairn.core.bench.RunLimit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark form's text as {@link BenchmarkSettings} (and, when a sweep is chosen, a {@link BenchmarkSweep}):
 * each field parsed on its own so a bad one is named, then the settings' own checks. Kept apart from the pane so the
 * rules are testable without a display.
 *
 * @param warmup runs before measuring ({@code 10}), or seconds ({@code 2s})
 * @param measured runs, or seconds when {@code timed}
 * @param batch the free first dimension's size; blank keeps the model's own (1 when free)
 * @param dims sizes of other free dimensions, {@code name=size} separated by commas or spaces
 * @param intraOpThreads 0 or blank for ONNX Runtime's default
 * @param interOpThreads 0 or blank for ONNX Runtime's default (used in parallel mode)
 * @param seed the random generator's seed (random inputs only)
 * @param inputFile a JSON request, a CSV batch or a folder of {@code .pb} tensors (file inputs only)
 * @param sweep the setting to sweep, or null for a single benchmark
 * @param sweepValues the sweep's values, as {@link BenchmarkSweep#parse} reads them after {@code =}
 */
public record BenchmarkForm(String warmup, String measured, boolean timed, String concurrency, String batch,
        String dims, String intraOpThreads, String interOpThreads, BenchmarkSettings.ExecutionMode executionMode,
        BenchmarkSettings.OptimizationLevel optimization, BenchmarkSettings.Provider provider,
        InputSource.Kind inputKind, String seed, String inputFile, BenchmarkSweep.Parameter sweep,
        String sweepValues) {

    /** What the form shows first: a short run that still gives stable percentiles on small models. */
    public static BenchmarkForm defaults() {
        return new BenchmarkForm("10", "5", true, "1", "", "", "0", "0", BenchmarkSettings.ExecutionMode.SEQUENTIAL,
                BenchmarkSettings.OptimizationLevel.ALL, BenchmarkSettings.Provider.CPU, InputSource.Kind.RANDOM,
                "42", "", null, "");
    }

    /**
     * The settings these fields describe (for a sweep: the settings every point shares).
     *
     * @throws BenchmarkException naming the field and what it takes
     */
    public BenchmarkSettings toSettings() {
        // The runner wants a positive warm-up; a single run is the least, and it also pays the first-inference cost.
        RunLimit warm = "0".equals(warmup == null ? null : warmup.trim()) ? RunLimit.ofRuns(1)
                : RunLimit.parse(warmup, "Warm-up");
        RunLimit limit = timed ? RunLimit.ofSeconds(seconds("Duration", measured))
                : RunLimit.ofRuns(whole("Repetitions", measured, 1));
        int threads = (int) whole("Concurrency", concurrency, 1);
        Integer batchSize = blank(batch) ? null : (int) whole("Batch size", batch, 1);
        int intraOp = blank(intraOpThreads) ? 0 : (int) whole("Intra-op threads", intraOpThreads, 0);
        int interOp = blank(interOpThreads) ? 0 : (int) whole("Inter-op threads", interOpThreads, 0);
        return new BenchmarkSettings(warm, limit, threads, batchSize, dimensions(dims), intraOp, interOp,
                executionMode == null ? BenchmarkSettings.ExecutionMode.SEQUENTIAL : executionMode,
                optimization == null ? BenchmarkSettings.OptimizationLevel.ALL : optimization,
                provider == null ? BenchmarkSettings.Provider.CPU : provider, input());
    }

    /** The sweep chosen, or null for a single benchmark. */
    public BenchmarkSweep toSweep() {
        if (sweep == null) {
            return null;
        }
        if (blank(sweepValues)) {
            throw new BenchmarkException("Sweep values are missing: e.g. 1, 2, 4, 8 or 1..8 or 1..64*2 (doubling).");
        }
        return BenchmarkSweep.parse(sweep.key() + "=" + sweepValues);
    }

    private InputSource input() {
        InputSource.Kind kind = inputKind == null ? InputSource.Kind.RANDOM : inputKind;
        return switch (kind) {
            case RANDOM -> InputSource.random(blank(seed) ? 42 : whole("Seed", seed, 0));
            case ZEROS -> InputSource.zeros();
            case FILE -> {
                if (blank(inputFile)) {
                    throw new BenchmarkException("Choose the input file: a .json request, a .csv batch or a folder "
                            + "of input_N.pb tensors.");
                }
                yield InputSource.file(Path.of(inputFile.trim()));
            }
        };
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Map<String, Long> dimensions(String text) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (blank(text)) {
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
