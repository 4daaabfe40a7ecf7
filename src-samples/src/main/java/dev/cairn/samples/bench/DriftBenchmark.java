package dev.cairn.samples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.drift.ColumnTyping;
import dev.cairn.core.drift.CsvTableReader;
import dev.cairn.core.drift.DriftAnalysis;
import dev.cairn.core.drift.DriftOptions;
import dev.cairn.core.drift.DriftReport;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Cairn's drift engine against the same work done with numpy/scipy, in one run: two generated CSV files (seeded;
 * by default 1,000,000 rows x 20 numerical columns, some columns shifted in the current file), a full default report
 * in Java (Evidently's defaults pick the normed Wasserstein distance for every column at this size), and
 * {@code drift_benchmark.py} run by {@code python3} on the same files. Prints both sides' load and test times, their
 * ratio, and the largest difference between the two sides' scores.
 *
 * <p>Usage: {@code DriftBenchmark [rows] [columns] [rounds]}.
 */
public final class DriftBenchmark {

    private DriftBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int columns = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        PrintStream out = System.out;
        out.printf("DriftBenchmark: %,d rows x %d columns, %d rounds, %d cores, JDK %s%n", rows, columns, rounds,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        Path folder = Files.createTempDirectory("cairn-drift-bench-");
        try {
            Path reference = folder.resolve("reference.csv");
            Path current = folder.resolve("current.csv");
            write(reference, rows, columns, 42, false);
            write(current, rows, columns, 43, true);
            out.printf("data: %s (%,d bytes), %s (%,d bytes)%n", reference, Files.size(reference), current,
                    Files.size(current));
            double[] java = {Double.MAX_VALUE, Double.MAX_VALUE};
            DriftReport report = null;
            // Round 0 lets the JIT compile the parser and the tests; it is printed but not counted.
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                ColumnTyping.Pair pair = ColumnTyping.type(CsvTableReader.read(reference), CsvTableReader.read(current),
                        Map.of(), Set.of());
                long loaded = System.nanoTime();
                report = DriftAnalysis.compare(pair, DriftOptions.defaults(), ProgressListener.NONE, Cancellation.NEVER);
                long tested = System.nanoTime();
                out.printf("java round %d%s: load %.3f s, tests %.3f s%n", round, round == 0 ? " (warm-up)" : "",
                        (loaded - start) / 1e9, (tested - loaded) / 1e9);
                if (round > 0) {
                    java[0] = Math.min(java[0], (loaded - start) / 1e9);
                    java[1] = Math.min(java[1], (tested - loaded) / 1e9);
                }
            }
            double[] python = {Double.MAX_VALUE, Double.MAX_VALUE};
            JsonNode scipy = null;
            for (int round = 1; round <= rounds; round++) {
                scipy = runPython(folder, reference, current);
                out.printf("scipy round %d: load %.3f s, tests %.3f s%n", round, scipy.path("load_seconds").asDouble(),
                        scipy.path("test_seconds").asDouble());
                python[0] = Math.min(python[0], scipy.path("load_seconds").asDouble());
                python[1] = Math.min(python[1], scipy.path("test_seconds").asDouble());
            }
            out.printf("%nbest of %d    %12s %12s %8s%n", rounds, "java s", "scipy s", "ratio");
            out.printf("tests        %12.3f %12.3f %7.1fx%n", java[1], python[1], python[1] / java[1]);
            out.printf("load CSV     %12.3f %12.3f %7.1fx%n", java[0], python[0], python[0] / java[0]);
            out.printf("load + tests %12.3f %12.3f %7.1fx%n", java[0] + java[1], python[0] + python[1],
                    (python[0] + python[1]) / (java[0] + java[1]));
            agreement(out, report, scipy);
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Normal columns; in the current file every fourth one shifted by 0.2 sd and every fifth one rescaled. */
    private static void write(Path file, int rows, int columns, long seed, boolean shifted) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 0; c < columns; c++) {
                writer.write(c == 0 ? "f0" : ",f" + c);
            }
            writer.newLine();
            StringBuilder line = new StringBuilder(columns * 20);
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < columns; c++) {
                    double value = gaussian(random) * (1 + c) + 10 * c;
                    if (shifted && c % 4 == 0) {
                        value += 0.2 * (1 + c);
                    }
                    if (shifted && c % 5 == 1) {
                        value = (value - 10 * c) * 1.3 + 10 * c;
                    }
                    line.append(c == 0 ? "" : ",").append((float) value);
                }
                writer.append(line).append('\n');
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian before JDK 17's RandomGenerator default.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static JsonNode runPython(Path folder, Path reference, Path current) throws IOException, InterruptedException {
        Path script = folder.resolve("drift_benchmark.py");
        if (!Files.exists(script)) {
            try (InputStream in = DriftBenchmark.class.getResourceAsStream("drift_benchmark.py")) {
                Files.copy(in, script);
            }
        }
        Process process = new ProcessBuilder("python3", script.toString(), reference.toString(), current.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("python3 drift_benchmark.py failed (exit " + process.exitValue()
                    + "); it needs numpy and scipy");
        }
        return new ObjectMapper().readTree(output);
    }

    private static void agreement(PrintStream out, DriftReport report, JsonNode scipy) {
        double worst = 0;
        int drifted = 0;
        for (int i = 0; i < report.columns().size(); i++) {
            ColumnDrift column = report.columns().get(i);
            JsonNode other = scipy.path("columns").get(i);
            if (!column.test().id().equals(other.path("test").asText())) {
                throw new IllegalStateException(column.column() + ": java ran " + column.test().id() + ", scipy "
                        + other.path("test").asText());
            }
            double expected = other.path("score").asDouble();
            worst = Math.max(worst, Math.abs(column.score() - expected) / Math.abs(expected));
            drifted += column.drifted() ? 1 : 0;
        }
        out.printf("tests: %s on every column; %d of %d drifted; largest relative difference from scipy %.1e%n",
                report.columns().get(0).test().id(), drifted, report.columns().size(), worst);
    }
}
