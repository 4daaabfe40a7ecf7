package dev.cairn.app.cli;

import dev.cairn.core.drift.ColumnType;
import dev.cairn.core.drift.ColumnTyping;
import dev.cairn.core.drift.CsvTable;
import dev.cairn.core.drift.Dataset;
import dev.cairn.core.drift.DriftAnalysis;
import dev.cairn.core.drift.DriftOptions;
import dev.cairn.core.drift.DriftReport;
import dev.cairn.core.drift.DriftReportHtml;
import dev.cairn.core.drift.DriftReportJson;
import dev.cairn.core.drift.ColumnTest;
import dev.cairn.core.drift.DatasetFiles;
import dev.cairn.core.drift.DriftTests;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cairn drift REFERENCE.csv CURRENT.csv [options]}: compares two datasets column by column with Evidently's
 * tests and prints the verdicts. Exit code 0, or 1 with {@code --fail-on-drift} when the dataset drifted, so a CI
 * step can gate on it; 2 for anything that stops the comparison (bad file, bad option), never confused with drift.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compares CURRENT with REFERENCE per column (Evidently's default tests: K-S, chi-square or "
                + "Z-test up to 1000 reference rows, Wasserstein or Jensen-Shannon above) and decides dataset drift "
                + "from the share of drifted columns.",
            "Tests: ks, chisquare, z, wasserstein, psi, kl_div, jensenshannon, hellinger, anderson, cramer_von_mises, "
                    + "mannw, fisher_exact, TVD.",
            "Exit code: 0; 1 on dataset drift with --fail-on-drift; 2 on bad input."})
final class DriftCommand implements Callable<Integer> {

    /** Anything that stops the comparison exits with this, so that 1 always means drift. */
    static final int BAD_INPUT = 2;
    static final int DRIFT = 1;

    @ParentCommand
    private CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REFERENCE", description = "The reference dataset (what is expected): CSV, or a plugin's format such as Parquet.")
    private Path reference;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The current dataset (what is seen now), in a format the reference could be in.")
    private Path current;

    @Option(names = "--column-test", paramLabel = "COL=TEST", description = "The test for a column, instead of the default.")
    private Map<String, String> columnTests = new LinkedHashMap<>();

    @Option(names = "--threshold", paramLabel = "COL=X", description = "The threshold for a column, instead of its test's.")
    private Map<String, Double> thresholds = new LinkedHashMap<>();

    @Option(names = "--column-type", paramLabel = "COL=num|cat", description = "A column's type, instead of the detected one.")
    private Map<String, String> columnTypes = new LinkedHashMap<>();

    @Option(names = "--exclude", paramLabel = "COL", split = ",", description = "Columns not to compare (ids, dates).")
    private Set<String> excluded = new LinkedHashSet<>();

    @Option(names = "--drift-share", paramLabel = "S", defaultValue = "0.5",
            description = "Share of drifted columns that makes dataset drift (default 0.5).")
    private double driftShare;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    private boolean json;

    @Option(names = "--html", paramLabel = "OUT", description = "Also write a self-contained HTML report to OUT.")
    private Path html;

    @Option(names = "--fail-on-drift", description = "Exit with 1 when the dataset drifted.")
    private boolean failOnDrift;

    @Option(names = "--no-register",
            description = "Do not register the two files as datasets, nor record the report, in the workspace.")
    private boolean noRegister;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            DriftReport report = compare(err);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? DriftReportJson.write(report) + "\n" : DriftTable.format(report));
            out.flush();
            if (html != null) {
                Files.writeString(html, DriftReportHtml.write(report), StandardCharsets.UTF_8);
                err.println("HTML report written to " + html);
            }
            return failOnDrift && report.datasetDrift() ? DRIFT : 0;
        } catch (CairnException e) {
            err.println("cairn: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("cairn: cannot write " + html + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return BAD_INPUT;
        }
    }

    private DriftReport compare(PrintWriter err) {
        // Plugins only, not the workspace: with --no-register the database is never opened.
        try (Plugins plugins = Workspace.loadPlugins(Workspace.pluginsDir(parent.home()))) {
            return compare(err, plugins);
        }
    }

    private DriftReport compare(PrintWriter err, Plugins plugins) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        columnTypes.forEach((column, type) -> types.put(column, ColumnType.parse(type)));
        DriftTests available = DriftTests.of(plugins);
        Map<String, ColumnTest> tests = new LinkedHashMap<>();
        columnTests.forEach((column, test) -> tests.put(column, available.parse(test)));
        DriftOptions options = new DriftOptions(tests, thresholds, driftShare);
        DatasetFiles files = DatasetFiles.of(plugins);
        CsvTable referenceTable = files.read(reference);
        CsvTable currentTable = files.read(current);
        ColumnTyping.Pair pair = ColumnTyping.type(referenceTable, currentTable, types, excluded);
        DriftReport report;
        try (TerminalProgress progress = new TerminalProgress(err)) {
            report = DriftAnalysis.compare(pair, options, progress, Cancellation.NEVER);
        }
        if (!noRegister) {
            Map<Path, Dataset> registered = new LinkedHashMap<>();
            registered.put(reference, pair.reference());
            registered.put(current, pair.current());
            DatasetRegistration.record(parent.home(), registered, report);
        }
        return report;
    }
}
