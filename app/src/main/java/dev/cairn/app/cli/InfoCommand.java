package dev.cairn.app.cli;

import dev.cairn.app.format.ByteSize;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.core.workspace.WorkspaceSummary;
import dev.cairn.runtime.CairnVersion;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn info}: the data directory and its database, the headless twin of the dashboard. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Opens the data directory (creating it if needed) and prints what it holds.")
final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    private CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        LogSetup.useDataDirectory(parent.home());
        try (Workspace workspace = Workspace.open(parent.home())) {
            WorkspaceSummary summary = workspace.summary();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Cairn           %s%n", CairnVersion.current());
            out.printf("Data directory  %s%n", summary.home());
            out.printf("Database        %s (%s)%n", summary.databaseFile(), ByteSize.format(summary.databaseBytes()));
            out.printf("Schema version  %d%n", summary.schemaVersion());
            out.printf("Created         %s%n", summary.createdAt() == null ? "unknown" : summary.createdAt().truncatedTo(ChronoUnit.SECONDS));
            out.printf("Artifacts       %d files, %s%n", summary.artifactFiles(), ByteSize.format(summary.artifactBytes()));
            return 0;
        }
    }
}
