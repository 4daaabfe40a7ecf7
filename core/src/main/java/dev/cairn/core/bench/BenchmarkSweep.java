package dev.cairn.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A series of benchmarks that differ in one setting: batch size, intra-op threads or concurrency, each value run with
 * otherwise the same settings, so throughput and tail latency can be plotted against it.
 *
 * @param parameter the setting that varies
 * @param values its values, in the order they run (at least one, each at least 1, no repeats)
 */
public record BenchmarkSweep(Parameter parameter, List<Integer> values) {

    /** More points than this is a mistake (a range typed too wide), not a sweep anyone waits for. */
    public static final int MAX_POINTS = 32;

    /** The settings a sweep can vary, with the names users type ({@code batch=1,2,4}). */
    public enum Parameter {
        BATCH("batch", "batch size"),
        THREADS("threads", "intra-op threads"),
        CONCURRENCY("concurrency", "concurrency");

        private final String key;
        private final String label;

        Parameter(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** As typed on the command line and stored. */
        public String key() {
            return key;
        }

        /** As shown on an axis. */
        public String label() {
            return label;
        }

        /** This setting's value in {@code settings}; batch is null when the model's own size was kept. */
        public Integer valueIn(BenchmarkSettings settings) {
            return switch (this) {
                case BATCH -> settings.batch();
                case THREADS -> settings.intraOpThreads();
                case CONCURRENCY -> settings.concurrency();
            };
        }

        /** {@code settings} with this setting set to {@code value}. */
        public BenchmarkSettings apply(BenchmarkSettings settings, int value) {
            return switch (this) {
                case BATCH -> settings.withBatch(value);
                case THREADS -> settings.withThreads(value, settings.interOpThreads());
                case CONCURRENCY -> settings.withConcurrency(value);
            };
        }

        public static Parameter parse(String text) {
            for (Parameter parameter : values()) {
                if (parameter.key.equalsIgnoreCase(text.trim())) {
                    return parameter;
                }
            }
            throw new BenchmarkException("unknown sweep parameter '" + text + "' (use batch, threads or concurrency)");
        }
    }

    public BenchmarkSweep {
        if (parameter == null || values == null || values.isEmpty()) {
            throw new BenchmarkException("a sweep needs a parameter and at least one value");
        }
        if (values.size() > MAX_POINTS) {
            throw new BenchmarkException("a sweep runs at most " + MAX_POINTS + " benchmarks, got " + values.size()
                    + " values");
        }
        values = List.copyOf(values);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) < 1) {
                throw new BenchmarkException(parameter.label() + " values must be at least 1, got " + values.get(i));
            }
            if (values.subList(0, i).contains(values.get(i))) {
                throw new BenchmarkException(parameter.label() + " value " + values.get(i) + " is given twice");
            }
        }
    }

    /**
     * What the sweep form offers first: batch sizes 1 to 64 by doubling, threads and concurrency from 1 to the number
     * of cores.
     */
    public static BenchmarkSweep defaults(Parameter parameter, int cores) {
        return switch (parameter) {
            case BATCH -> new BenchmarkSweep(parameter, List.of(1, 2, 4, 8, 16, 32, 64));
            case THREADS, CONCURRENCY -> parse(parameter.key() + "=1.." + Math.max(1, cores));
        };
    }

    /**
     * Reads {@code PARAMETER=VALUES}, VALUES being whole numbers and ranges separated by commas: {@code batch=1,8,32},
     * {@code threads=1..4} (every number from 1 to 4), {@code batch=1..64*2} (1 to 64, doubling).
     */
    public static BenchmarkSweep parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new BenchmarkException("a sweep is PARAMETER=VALUES, e.g. batch=1,2,4,8 or threads=1..4; got '"
                    + text + "'");
        }
        return new BenchmarkSweep(Parameter.parse(text.substring(0, equals)), values(text.substring(equals + 1)));
    }

    /** The values as they were typed back: {@code 1, 2, 4}. */
    public String valuesText() {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    /** The settings of each point: {@code base} with the parameter set to each value. */
    public List<BenchmarkSettings> settings(BenchmarkSettings base) {
        return values.stream().map(value -> parameter.apply(base, value)).toList();
    }

    static List<Integer> values(String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int dots = part.indexOf("..");
            if (dots < 0) {
                values.add(number(part));
                continue;
            }
            String upper = part.substring(dots + 2);
            boolean doubling = upper.endsWith("*2");
            int from = number(part.substring(0, dots));
            int to = number(doubling ? upper.substring(0, upper.length() - 2) : upper);
            if (to < from || from < 1) {
                throw new BenchmarkException("the range '" + part + "' must run upwards from 1 or more");
            }
            for (long value = from; value <= to && values.size() <= MAX_POINTS; value = doubling ? value * 2 : value + 1) {
                values.add((int) value);
            }
        }
        if (values.isEmpty()) {
            throw new BenchmarkException("a sweep needs at least one value, e.g. batch=1,2,4,8");
        }
        return values;
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BenchmarkException(String.format(Locale.ROOT,
                    "sweep values are whole numbers or ranges such as 1..8 or 1..64*2; got '%s'", text));
        }
    }
}
