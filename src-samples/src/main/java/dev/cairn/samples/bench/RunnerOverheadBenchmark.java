package dev.cairn.samples.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.cairn.core.bench.BenchmarkInputs;
import dev.cairn.core.bench.BenchmarkListener;
import dev.cairn.core.bench.BenchmarkResult;
import dev.cairn.core.bench.BenchmarkRunner;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.InputShapes;
import dev.cairn.core.bench.LatencyFigures;
import dev.cairn.core.bench.RunLimit;
import dev.cairn.core.error.CairnException;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.model.RunnerOptions;
import dev.cairn.runtime.tensor.OrtValues;
import dev.cairn.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much Cairn's benchmark runner costs over a bare loop: on {@code tribuo_iris_lr.onnx} (a few microseconds per
 * call, so any overhead shows), alternating rounds of the runner and of a loop that does nothing but
 * {@code session.run} on the same kind of reused direct-buffer inputs, one thread, one intra-op thread. Then the
 * runner's figures for every model in the models folder.
 *
 * <p>Usage: {@code RunnerOverheadBenchmark [seconds per round] [rounds] [models folder]}.
 */
public final class RunnerOverheadBenchmark {

    /** Sizes for the free dimensions of the shared models that need them (batch stays 1). */
    private static final Map<String, Map<String, Long>> DIMS = Map.of(
            "tribuo_tinybert.onnx", Map.of("sequence", 32L),
            "ppocrv4_det.onnx", Map.of("p2o.DynamicDimension.1", 320L, "p2o.DynamicDimension.2", 320L));

    private RunnerOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path models = args.length > 2 ? Path.of(args[2]) : ServeBenchmark.locateModels();
        PrintStream out = System.out;
        out.printf("RunnerOverheadBenchmark: %d cores, %s s per round, %d rounds, JDK %s%n",
                Runtime.getRuntime().availableProcessors(), seconds, rounds, Runtime.version());
        BenchmarkSettings settings = BenchmarkSettings.defaults().withWarmup(RunLimit.ofRuns(2000))
                .withMeasured(RunLimit.ofSeconds(seconds)).withThreads(1, 0);
        overhead(out, models.resolve("tribuo_iris_lr.onnx"), settings, rounds);
        out.println();
        out.printf("%-46s %-22s %12s %10s %10s %10s %10s %9s%n", "model", "inputs", "inferences/s", "mean ms",
                "P50 ms", "P99 ms", "first ms", "session s");
        try (Stream<Path> files = Files.list(models)) {
            for (Path model : files.filter(f -> f.toString().endsWith(".onnx")).sorted().toList()) {
                figures(out, model, settings.withWarmup(RunLimit.ofRuns(10))
                        .withDims(DIMS.getOrDefault(model.getFileName().toString(), Map.of())));
            }
        }
    }

    private static void overhead(PrintStream out, Path model, BenchmarkSettings settings, int rounds)
            throws Exception {
        double runnerTotal = 0;
        double bareTotal = 0;
        // Round 0 lets the JIT compile both loops; it is printed but not counted.
        for (int round = 0; round <= rounds; round++) {
            BenchmarkResult result = new BenchmarkRunner().run(settings, model, BenchmarkListener.NONE, () -> false);
            double bare = bareLoop(model, settings);
            if (round > 0) {
                runnerTotal += result.inferencesPerSecond();
                bareTotal += bare;
            }
            out.printf("round %d%s: runner %,.0f inferences/s, bare loop %,.0f inferences/s, ratio %.3f%n", round,
                    round == 0 ? " (JIT warm-up, not counted)" : "", result.inferencesPerSecond(), bare,
                    result.inferencesPerSecond() / bare);
        }
        out.printf("tribuo_iris_lr: runner %,.0f inferences/s, bare loop %,.0f inferences/s (means of %d rounds), "
                + "ratio %.3f%n", runnerTotal / rounds, bareTotal / rounds, rounds, runnerTotal / bareTotal);
    }

    /** Warm-up, then nothing but {@code session.run} and closing its result until the time is up. */
    private static double bareLoop(Path model, BenchmarkSettings settings) throws Exception {
        try (ModelRunner runner = ModelRunner.open(model, new RunnerOptions(settings.intraOpThreads()))) {
            List<Tensor> tensors = BenchmarkInputs.generate(runner.inputs(),
                    InputShapes.resolve(runner.inputs(), null, Map.of()), settings.input());
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
            for (Tensor tensor : tensors) {
                feeds.put(tensor.name(), OrtValues.toOnnxTensor(runner.environment(), tensor));
            }
            try {
                OrtSession session = runner.session();
                for (long i = 0; i < settings.warmup().runs(); i++) {
                    session.run(feeds).close();
                }
                long start = System.nanoTime();
                long deadline = start + (long) (settings.measured().seconds() * 1e9);
                long count = 0;
                long now;
                do {
                    session.run(feeds).close();
                    count++;
                    now = System.nanoTime();
                } while (now < deadline);
                return count / ((now - start) / 1e9);
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static void figures(PrintStream out, Path model, BenchmarkSettings settings) throws IOException {
        String name = model.getFileName().toString();
        try {
            BenchmarkResult result = new BenchmarkRunner().run(settings, model, BenchmarkListener.NONE, () -> false);
            LatencyFigures latency = result.latency();
            String inputs = result.inputShapes().values().iterator().next().toString().replace(" ", "")
                    + (result.inputShapes().size() > 1 ? " x" + result.inputShapes().size() : "");
            out.printf("%-46s %-22s %,12.0f %10.4f %10.4f %10.4f %10.3f %9.4f%n", name, inputs,
                    result.inferencesPerSecond(), latency.meanNanos() / 1e6, latency.p50Nanos() / 1e6,
                    latency.p99Nanos() / 1e6, result.firstInferenceMillis(), result.sessionCreationMillis() / 1e3);
        } catch (CairnException e) {
            out.printf("%-46s skipped: %s%n", name, e.getMessage());
        }
    }
}
