package dev.cairn.app.cli;

import dev.cairn.core.bench.BenchmarkComparison;
import dev.cairn.core.bench.BenchmarkExport;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.bench.StoredBenchmark;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn benchmarks}: the stored benchmark results, listed, compared, exported and deleted. */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "Lists, compares, exports and deletes stored benchmark results (see cairn bench).",
        subcommands = {BenchmarksCommand.ListResults.class, BenchmarksCommand.Compare.class,
            BenchmarksCommand.Export.class, BenchmarksCommand.Delete.class})
final class BenchmarksCommand implements Runnable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @ParentCommand
    CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Opens the workspace, hands its benchmark store to {@code work}, and closes it. */
    <T> T withStore(StoreWork<T> work) throws IOException {
        LogSetup.useDataDirectory(parent.home());
        try (Workspace workspace = Workspace.open(parent.home())) {
            return work.apply(new BenchmarkStore(workspace.store(), Clock.systemUTC()));
        }
    }

    @FunctionalInterface
    interface StoreWork<T> {
        T apply(BenchmarkStore store) throws IOException;
    }

    /** The results with these ids, in the order given; an unknown id fails naming it. */
    static List<StoredBenchmark> byIds(BenchmarkStore store, List<Long> ids) {
        List<StoredBenchmark> found = new ArrayList<>();
        for (long id : ids) {
            found.add(store.get(id).orElseThrow(() -> new CairnException("there is no benchmark " + id
                    + " (cairn benchmarks list shows the stored ones)")));
        }
        return found;
    }

    /** {@code cairn benchmarks list [--model NAME]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists stored results, newest first.")
    static final class ListResults implements Callable<Integer> {

        @ParentCommand
        private BenchmarksCommand parent;

        @Spec
        private CommandSpec spec;

        @Option(names = "--model", paramLabel = "NAME", description = "Only this registered model (or file name).")
        private String model;

        @Override
        public Integer call() throws IOException {
            List<StoredBenchmark> all = parent.withStore(store -> store.list(model));
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%6s  %-16s  %-28s %7s %7s %5s %12s %12s %10s %10s%n", "id", "when", "model",
                    "version", "sweep", "batch", "concurrency", "inferences/s", "P50 ms", "P99 ms");
            for (StoredBenchmark b : all) {
                out.printf(Locale.ROOT, "%6d  %-16s  %-28s %7s %7s %5d %12d %12.1f %10.3f %10.3f%n", b.id(),
                        WHEN.format(Instant.ofEpochMilli(b.createdAtMillis())), b.model().name(),
                        b.model().version() == null ? "file" : "v" + b.model().version(),
                        b.sweep() == null ? "" : String.valueOf(b.sweep().sweepId()), b.result().samplesPerInference(),
                        b.result().settings().concurrency(), b.result().inferencesPerSecond(),
                        b.result().latency().p50Nanos() / 1e6, b.result().latency().p99Nanos() / 1e6);
            }
            if (all.isEmpty()) {
                out.println("No benchmarks stored" + (model == null ? "" : " for " + model) + "; run cairn bench.");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code cairn benchmarks compare ID ID...}. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Shows results side by side, each figure with its change from the first.")
    static final class Compare implements Callable<Integer> {

        @ParentCommand
        private BenchmarksCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Benchmark ids; the first is the baseline.")
        private List<Long> ids;

        @Override
        public Integer call() throws IOException {
            BenchmarkComparison comparison = BenchmarkComparison.of(parent.withStore(store -> byIds(store, ids)));
            PrintWriter out = spec.commandLine().getOut();
            BenchReport.printComparison(comparison, out);
            out.flush();
            return 0;
        }
    }

    /** {@code cairn benchmarks export [ID...] [--sweep S] [--model NAME] --format csv|json [--output FILE]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes results as CSV (one row each) or JSON (everything, the latency histogram too).",
                "Without ids, --sweep or --model: every stored result."})
    static final class Export implements Callable<Integer> {

        @ParentCommand
        private BenchmarksCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Benchmark ids.")
        private List<Long> ids = new ArrayList<>();

        @Option(names = "--sweep", paramLabel = "S", description = "The points of sweep S.")
        private Long sweep;

        @Option(names = "--model", paramLabel = "NAME", description = "The results of this model.")
        private String model;

        @Option(names = "--format", paramLabel = "csv|json", defaultValue = "csv",
                description = "csv (default) or json.")
        private String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of to the "
                + "standard output (written whole or not at all).")
        private Path output;

        @Override
        public Integer call() throws IOException {
            boolean json = switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> false;
                case "json" -> true;
                default -> throw new CairnException("--format takes csv or json, got '" + format + "'");
            };
            List<StoredBenchmark> chosen = parent.withStore(store -> !ids.isEmpty() ? byIds(store, ids)
                    : sweep != null ? store.sweep(sweep) : store.list(model));
            if (chosen.isEmpty()) {
                throw new CairnException("nothing to export: no stored benchmark matches");
            }
            if (output == null) {
                PrintWriter out = spec.commandLine().getOut();
                write(chosen, json, out);
                out.flush();
            } else {
                // Through a temporary file, so a failure never leaves half a file where a whole one was.
                Path temporary = Files.createTempFile(output.toAbsolutePath().getParent(), ".cairn-export", ".tmp");
                try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    write(chosen, json, writer);
                }
                Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                spec.commandLine().getErr().printf(Locale.ROOT, "Wrote %d benchmark(s) to %s%n", chosen.size(), output);
            }
            return 0;
        }

        private static void write(List<StoredBenchmark> chosen, boolean json, Writer out) throws IOException {
            if (json) {
                BenchmarkExport.writeJson(chosen, out);
            } else {
                BenchmarkExport.writeCsv(chosen, out);
            }
        }
    }

    /** {@code cairn benchmarks delete ID...}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes stored results.")
    static final class Delete implements Callable<Integer> {

        @ParentCommand
        private BenchmarksCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Benchmark ids.")
        private List<Long> ids;

        @Override
        public Integer call() throws IOException {
            int deleted = parent.withStore(store -> {
                byIds(store, ids); // every id must exist: a typo deletes nothing
                return store.delete(ids);
            });
            spec.commandLine().getOut().printf(Locale.ROOT, "Deleted %d benchmark(s).%n", deleted);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
