package dev.cairn.app.cli;

import dev.cairn.core.importer.ImportSummary;
import dev.cairn.core.importer.MlflowImporter;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn import}: brings other tools' data into the workspace. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Imports data from other tools.",
        subcommands = ImportCommand.Mlflow.class)
final class ImportCommand implements Runnable {

    @ParentCommand
    CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code cairn import mlflow PATH}: an mlruns folder or an mlflow.db file; safe to run again. */
    @Command(name = "mlflow", mixinStandardHelpOptions = true,
            description = {"Imports an MLflow tracking store: an mlruns/ folder or an mlflow.db SQLite file.",
                "Runs already in Cairn are left as they are, so importing again adds only what is new."})
    static final class Mlflow implements Callable<Integer> {

        @ParentCommand
        private ImportCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "PATH", description = "The mlruns folder or the mlflow.db file.")
        private Path path;

        @picocli.CommandLine.Option(names = "--artifacts-root", paramLabel = "FOLDER", description = "Where the "
                + "store's artifacts are, when its artifact URIs name folders of another machine (they are also "
                + "looked for beside the store: mlartifacts/, mlruns/).")
        private Path artifactsRoot;

        @Override
        public Integer call() {
            Path home = parent.parent.home();
            LogSetup.useDataDirectory(home);
            try (Workspace workspace = Workspace.open(home)) {
                TrackingServices tracking = TrackingServices.of(workspace);
                ImportSummary summary;
                try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
                    summary = MlflowImporter.of(workspace, tracking).importFrom(path, artifactsRoot, progress,
                            Cancellation.NEVER);
                }
                spec.commandLine().getOut().print("Imported " + path + " into " + workspace.home() + "\n" + summary.describe());
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
