package dev.cairn.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.core.bench.BenchmarkExport;
import dev.cairn.core.bench.BenchmarkListener;
import dev.cairn.core.bench.BenchmarkResult;
import dev.cairn.core.bench.BenchmarkRunner;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.bench.BenchmarkSweep;
import dev.cairn.core.bench.BenchmarkedModel;
import dev.cairn.core.bench.InputSource;
import dev.cairn.core.bench.RunLimit;
import dev.cairn.core.bench.StoredBenchmark;
import dev.cairn.core.bench.SweepListener;
import dev.cairn.core.bench.SweepRunner;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.io.Sha256;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cairn bench FILE|NAME:VERSION [options]}: benchmarks a model as {@code onnxruntime_perf_test} does, prints
 * its report (or JSON) and stores the result in the workspace.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks a model: latency percentiles, throughput, CPU and memory, as onnxruntime_perf_test "
                + "reports them. The result is stored in the workspace.",
            "MODEL is an .onnx file or a registered NAME:VERSION (VERSION may be an alias such as champion).",
            "Inputs are random (seeded) unless --zeros or --input is given; a free first dimension takes --batch "
                    + "(default 1), other free dimensions need --dim NAME=SIZE (INPUT:AXIS=SIZE when unnamed)."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    private CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "An .onnx file or NAME:VERSION of a registered model.")
    private String model;

    @Option(names = "--warmup", paramLabel = "N|Ss", defaultValue = "10", description = "Warm-up after the first "
            + "inference, not measured: N runs, or S seconds as 5s (default 10 runs).")
    private String warmup;

    @ArgGroup(exclusive = true)
    private Length length;

    static final class Length {
        @Option(names = {"-r", "--repetitions"}, paramLabel = "N", description = "Measure N inferences.")
        Long repetitions;

        @Option(names = {"-t", "--duration"}, paramLabel = "S", description = "Measure for S seconds (default 10).")
        Double seconds;
    }

    @Option(names = {"-c", "--concurrency"}, paramLabel = "C", defaultValue = "1",
            description = "Threads calling the one session at once (default 1).")
    private int concurrency;

    @Option(names = "--batch", paramLabel = "B", description = "Size of every input's free first dimension (default 1).")
    private Integer batch;

    @Option(names = "--dim", paramLabel = "NAME=SIZE", description = "Size of a free dimension, by symbolic name.")
    private Map<String, Long> dims = new LinkedHashMap<>();

    @Option(names = {"-x", "--threads"}, paramLabel = "T", defaultValue = "0",
            description = "Intra-op threads (default 0: ONNX Runtime's choice, one per core).")
    private int intraOpThreads;

    @Option(names = {"-y", "--inter-op-threads"}, paramLabel = "T", defaultValue = "0",
            description = "Inter-op threads for --parallel (default 0: ONNX Runtime's choice).")
    private int interOpThreads;

    @Option(names = "--parallel", description = "Run independent operators in parallel (execution mode PARALLEL).")
    private boolean parallel;

    @Option(names = {"-o", "--opt-level"}, paramLabel = "L", defaultValue = "all",
            description = "Graph optimisation: disable, basic, extended or all (default all).")
    private String optLevel;

    @Option(names = {"-e", "--provider"}, paramLabel = "P", defaultValue = "cpu",
            description = "Execution provider: cpu or cuda (default cpu).")
    private String provider;

    @Option(names = "--input", paramLabel = "FILE", description = "Inputs from a .json request, a .csv batch or a "
            + "folder of input_N.pb tensors.")
    private Path input;

    @Option(names = "--zeros", description = "Generate zeros instead of random values.")
    private boolean zeros;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for random inputs (default 42).")
    private long seed;

    @Option(names = "--sweep", paramLabel = "PARAM=VALUES", description = {"Run one benchmark per value of batch, "
            + "threads or concurrency, e.g. batch=1,2,4,8 or threads=1..4 or batch=1..64*2 (doubling); prints "
            + "throughput and latency per value. Each point is stored."})
    private String sweep;

    @Option(names = "--json", description = "Print the result as JSON instead of a report.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        BenchmarkSettings settings = settings();
        ModelReference reference = ModelReference.resolve(model, parent.home());
        if (sweep != null) {
            return sweep(BenchmarkSweep.parse(sweep), settings, reference);
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchmarkResult result;
        try (TerminalProgress progress = new TerminalProgress(err)) {
            result = new BenchmarkRunner().run(settings, reference.file(), BenchmarkListener.of(progress),
                    Cancellation.NEVER);
        }
        StoredBenchmark stored = store(reference, result);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode body = mapper.createObjectNode().put("id", stored.id());
            body.set("model", mapper.valueToTree(stored.model()));
            body.set("result", mapper.valueToTree(result));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        } else {
            BenchReport.print(stored, out);
            out.println("Stored as benchmark " + stored.id() + " in " + parent.home());
        }
        out.flush();
        return 0;
    }

    private int sweep(BenchmarkSweep points, BenchmarkSettings settings, ModelReference reference) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        LogSetup.useDataDirectory(parent.home());
        List<StoredBenchmark> stored;
        try (Workspace workspace = Workspace.open(parent.home());
                TerminalProgress progress = new TerminalProgress(err)) {
            BenchmarkStore store = new BenchmarkStore(workspace.store(), Clock.systemUTC());
            SweepListener listener = (point, count, value, report) -> progress.progress(
                    Math.round(SweepListener.fraction(point, count, report) * 1000), 1000, String.format(Locale.ROOT,
                            "%s %d (%d of %d)", points.parameter().label(), value, point + 1, count));
            stored = new SweepRunner(new BenchmarkRunner(), store).run(points, settings, reference.file(),
                    benchmarked(reference), listener, Cancellation.NEVER);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(BenchmarkExport.toJson(stored).toPrettyString());
        } else {
            BenchReport.printSweep(stored, out);
            out.println("Stored as benchmarks " + stored.get(0).id() + " to " + stored.get(stored.size() - 1).id()
                    + " in " + parent.home());
        }
        out.flush();
        return 0;
    }

    private BenchmarkSettings settings() {
        if (input != null && zeros) {
            throw new CairnException("--zeros and --input exclude each other: inputs are generated or read, not both");
        }
        InputSource source = input != null ? InputSource.file(input) : zeros ? InputSource.zeros()
                : InputSource.random(seed);
        RunLimit measured = length == null || length.repetitions == null && length.seconds == null
                ? RunLimit.ofSeconds(10)
                : length.repetitions != null ? RunLimit.ofRuns(length.repetitions) : RunLimit.ofSeconds(length.seconds);
        BenchmarkSettings.Provider chosen = switch (provider.toLowerCase(java.util.Locale.ROOT)) {
            case "cpu" -> BenchmarkSettings.Provider.CPU;
            case "cuda" -> BenchmarkSettings.Provider.CUDA;
            default -> throw new CairnException("unknown provider '" + provider + "' (use cpu or cuda)");
        };
        return new BenchmarkSettings(RunLimit.parse(warmup, "--warmup"), measured, concurrency, batch, dims,
                intraOpThreads, interOpThreads, parallel ? BenchmarkSettings.ExecutionMode.PARALLEL
                        : BenchmarkSettings.ExecutionMode.SEQUENTIAL,
                BenchmarkSettings.parseOptimization(optLevel), chosen, source);
    }

    private StoredBenchmark store(ModelReference reference, BenchmarkResult result) throws IOException {
        BenchmarkedModel benchmarked = benchmarked(reference);
        LogSetup.useDataDirectory(parent.home());
        try (Workspace workspace = Workspace.open(parent.home())) {
            return new BenchmarkStore(workspace.store(), Clock.systemUTC()).save(benchmarked, result);
        }
    }

    private static BenchmarkedModel benchmarked(ModelReference reference) throws IOException {
        return new BenchmarkedModel(reference.name(),
                reference.version() == null ? null : Integer.valueOf(reference.version()), Sha256.of(reference.file()),
                reference.file().toAbsolutePath().toString());
    }
}
