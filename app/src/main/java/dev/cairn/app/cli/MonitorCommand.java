package dev.cairn.app.cli;

import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.deploy.DeploymentStore;
import dev.cairn.core.drift.ColumnType;
import dev.cairn.core.drift.DriftOptions;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.monitoring.DriftAlert;
import dev.cairn.core.monitoring.MonitoredSource;
import dev.cairn.core.monitoring.MonitoringJson;
import dev.cairn.core.monitoring.MonitoringSettings;
import dev.cairn.core.monitoring.PredictionMonitor;
import dev.cairn.core.monitoring.PredictionPuller;
import dev.cairn.core.monitoring.Windowing;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn monitor pull|drift|list}: model servers' prediction logs pulled into the workspace and watched for drift. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Pulls model servers' prediction logs into the workspace and computes drift per time window "
                + "against a reference CSV."},
        subcommands = {MonitorCommand.Pull.class, MonitorCommand.Drift.class, MonitorCommand.ListSources.class})
final class MonitorCommand implements Runnable {

    @ParentCommand
    CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    private Workspace openWorkspace() {
        LogSetup.useDataDirectory(parent.home());
        return Workspace.open(parent.home());
    }

    /** {@code cairn monitor pull URL|DEPLOYMENT|SOURCE [--source NAME]}. */
    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Pulls the predictions a server logged since the last pull (all the first time). The server "
                    + "is a URL (of 'cairn serve', cairn-runtime.jar --log-dir, or a deployment), a deployment number, "
                    + "or a source pulled before."})
    static final class Pull implements Callable<Integer> {

        @ParentCommand
        private MonitorCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "URL|DEPLOYMENT|SOURCE", description = "Where to pull from.")
        private String from;

        @Option(names = "--source", paramLabel = "NAME",
                description = "Name to keep the predictions under (default: the URL, or deployment-N).")
        private String source;

        @Override
        public Integer call() {
            try (Workspace workspace = parent.openWorkspace()) {
                Clock clock = Clock.systemUTC();
                PredictionMonitor monitor = PredictionMonitor.of(workspace.store(), clock);
                PredictionPuller.PullResult result;
                Optional<MonitoredSource> known = monitor.predictions().find(from);
                if (from.chars().allMatch(Character::isDigit) && known.isEmpty()) {
                    Deployment deployment = new DeploymentStore(workspace.store(), clock).get(Long.parseLong(from))
                            .orElseThrow(() -> new CairnException("No deployment " + from
                                    + " (see 'cairn deployments list')"));
                    result = monitor.pull(deployment, source, ProgressListener.NONE, Cancellation.NEVER);
                } else {
                    String url = known.map(MonitoredSource::url).orElse(from);
                    result = monitor.pull(source != null ? source : known.map(MonitoredSource::name).orElse(url), url,
                            ProgressListener.NONE, Cancellation.NEVER);
                }
                PrintWriter out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "%,d new predictions from %s into source %s (%,d stored)%n", result.added(),
                        result.source().url(), result.source().name(), result.source().predictions());
                if (result.malformed() > 0) {
                    spec.commandLine().getErr().printf(Locale.ROOT, "%,d malformed lines skipped; the first: %s%n",
                            result.malformed(), result.firstMalformed());
                }
                out.flush();
                return 0;
            }
        }
    }

    /** {@code cairn monitor drift SOURCE --reference REF.csv [--window hour|day|N] [--json] [--fail-on-drift]}. */
    @Command(name = "drift", mixinStandardHelpOptions = true,
            description = {"Compares a source's predictions window by window with a reference CSV (columns named as "
                    + "the predictions' columns; others are ignored) and prints the timeline.",
                "Exit code: 0; 1 with --fail-on-drift when the newest tested window drifted; 2 on bad input."})
    static final class Drift implements Callable<Integer> {

        @ParentCommand
        private MonitorCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "SOURCE", description = "A source, as 'cairn monitor list' names it.")
        private String source;

        @Option(names = "--reference", required = true, paramLabel = "REF.csv", description = "The reference data.")
        private Path reference;

        @Option(names = "--window", paramLabel = "hour|day|N", defaultValue = "day",
                description = "Window: a UTC hour, a UTC day, or every N rows (default: ${DEFAULT-VALUE}).")
        private String window;

        @Option(names = "--min-rows", paramLabel = "N", defaultValue = "30",
                description = "Windows with fewer rows are marked too small, not tested (default: ${DEFAULT-VALUE}).")
        private int minRows;

        @Option(names = "--drift-share", paramLabel = "S", defaultValue = "0.5",
                description = "Share of drifted columns that makes dataset drift (default: ${DEFAULT-VALUE}).")
        private double driftShare;

        @Option(names = "--column-type", paramLabel = "COL=num|cat", description = "A column's type, instead of the detected one.")
        private Map<String, String> columnTypes = new LinkedHashMap<>();

        @Option(names = "--alert-column", paramLabel = "COL", split = ",",
                description = "Columns whose drift alone raises an alert (besides dataset drift).")
        private Set<String> alertColumns = new LinkedHashSet<>();

        @Option(names = "--json", description = "Print the timeline as JSON instead of a table.")
        private boolean json;

        @Option(names = "--fail-on-drift", description = "Exit with 1 when the newest tested window drifted.")
        private boolean failOnDrift;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (Workspace workspace = parent.openWorkspace()) {
                Map<String, ColumnType> types = new LinkedHashMap<>();
                columnTypes.forEach((column, type) -> types.put(column, ColumnType.parse(type)));
                MonitoringSettings settings = new MonitoringSettings(Windowing.parse(window), minRows,
                        new DriftOptions(Map.of(), Map.of(), driftShare), types, alertColumns);
                PredictionMonitor.Analysis analysis;
                try (TerminalProgress progress = new TerminalProgress(err)) {
                    analysis = PredictionMonitor.of(workspace.store(), Clock.systemUTC()).analyse(source, reference,
                            settings, progress, Cancellation.NEVER);
                }
                PrintWriter out = spec.commandLine().getOut();
                out.print(json ? MonitoringJson.write(analysis.result(), analysis.newAlerts()) + "\n"
                        : MonitorTimelineTable.format(analysis.result()));
                for (DriftAlert alert : analysis.newAlerts()) {
                    err.println("ALERT " + alert.windowKey() + ": " + alert.reason());
                }
                out.flush();
                boolean drifted = analysis.result().latestTested().map(w -> w.datasetDrift()).orElse(false);
                return failOnDrift && drifted ? DriftCommand.DRIFT : 0;
            } catch (CairnException e) {
                err.println("cairn: " + e.getMessage());
                return DriftCommand.BAD_INPUT;
            }
        }
    }

    /** {@code cairn monitor list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the sources pulled so far.")
    static final class ListSources implements Callable<Integer> {

        @ParentCommand
        private MonitorCommand parent;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace workspace = parent.openWorkspace()) {
                PredictionMonitor monitor = PredictionMonitor.of(workspace.store(), Clock.systemUTC());
                PrintWriter out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "%-30s %12s %-24s %-24s %s%n", "SOURCE", "PREDICTIONS", "NEWEST", "PULLED",
                        "URL");
                for (MonitoredSource source : monitor.predictions().sources()) {
                    out.printf(Locale.ROOT, "%-30s %,12d %-24s %-24s %s%n", source.name(), source.predictions(),
                            source.lastTime() == null ? "-" : source.lastTime(),
                            source.lastPulledAt() == null ? "-" : source.lastPulledAt(), source.url());
                }
                out.flush();
                return 0;
            }
        }
    }
}
