package dev.cairn.app.cli;

import dev.cairn.core.drift.ColumnType;
import dev.cairn.core.drift.ColumnTyping;
import dev.cairn.core.drift.DatasetFiles;
import dev.cairn.core.drift.Dataset;
import dev.cairn.core.drift.DatasetStore;
import dev.cairn.core.drift.StoredDataset;
import dev.cairn.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn datasets}: data files registered by content, so drift reports and runs can name the exact version. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Registers and lists datasets.",
        subcommands = {DatasetsCommand.Register.class, DatasetsCommand.ListDatasets.class})
final class DatasetsCommand implements Runnable {

    @ParentCommand
    CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code cairn datasets register FILE [--name NAME] [--column-type COL=num|cat]}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Reads a CSV file (or a plugin's format such as Parquet), types its columns and registers it as the next version of a dataset.",
                "The same bytes under the same name are registered once."})
    static final class Register implements Callable<Integer> {

        @ParentCommand
        private DatasetsCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The dataset file.")
        private Path file;

        @Option(names = "--name", description = "The dataset's name (default: the file name without extension).")
        private String name;

        @Option(names = "--column-type", paramLabel = "COL=num|cat", description = "A column's type, instead of the detected one.")
        private Map<String, String> columnTypes = new LinkedHashMap<>();

        @Override
        public Integer call() {
            Map<String, ColumnType> types = new LinkedHashMap<>();
            columnTypes.forEach((column, type) -> types.put(column, ColumnType.parse(type)));
            Path home = parent.parent.home();
            LogSetup.useDataDirectory(home);
            DatasetStore.Registration registration;
            try (Workspace workspace = Workspace.open(home)) {
                Dataset dataset = ColumnTyping.type(DatasetFiles.of(workspace.plugins()).read(file), types);
                registration = new DatasetStore(workspace.store(), Clock.systemUTC())
                        .register(name != null ? name : DatasetRegistration.defaultName(file), dataset, file);
            }
            StoredDataset stored = registration.dataset();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, registration.alreadyRegistered()
                    ? "%s is already registered as %s version %d (same SHA-256); nothing added.%n"
                    : "Registered %s as %s version %d%n", file.getFileName(), stored.name(), stored.version());
            out.printf(Locale.ROOT, "%,d rows, %d columns, sha256 %s%nschema %s%n", stored.rows(), stored.columns(),
                    stored.sha256(), stored.schema());
            out.flush();
            return 0;
        }
    }

    /** {@code cairn datasets list}: every registered version. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists registered datasets.")
    static final class ListDatasets implements Callable<Integer> {

        @ParentCommand
        private DatasetsCommand parent;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            Path home = parent.parent.home();
            LogSetup.useDataDirectory(home);
            try (Workspace workspace = Workspace.open(home)) {
                PrintWriter out = spec.commandLine().getOut();
                for (StoredDataset dataset : new DatasetStore(workspace.store(), Clock.systemUTC()).list()) {
                    out.printf(Locale.ROOT, "%-30s v%-3d %,10d rows %4d cols  %s  %s  %s%n", dataset.name(),
                            dataset.version(), dataset.rows(), dataset.columns(), dataset.sha256().substring(0, 12),
                            Instant.ofEpochMilli(dataset.createdAt()), dataset.file());
                }
                out.flush();
                return 0;
            }
        }
    }
}
