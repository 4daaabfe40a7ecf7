package dev.cairn.app.cli;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.registry.ModelRegistration;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegisteredModel;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn models}: the model registry from the command line. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Registers and lists models.",
        subcommands = {ModelsCommand.Register.class, ModelsCommand.ListModels.class})
final class ModelsCommand implements Runnable {

    @ParentCommand
    CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code cairn models register FILE --name NAME [--run RUN_ID] [--description TEXT]}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Registers an ONNX file (or a model importer plugin's format, converted to ONNX) as the next "
                + "version of a model (created if new).",
                "The file is checked with ONNX Runtime and stored once by its SHA-256."})
    static final class Register implements Callable<Integer> {

        @ParentCommand
        private ModelsCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The .onnx file, or a file a model importer plugin takes.")
        private Path file;

        @Option(names = "--name", required = true, description = "The registered model's name.")
        private String name;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "The run that produced the model.")
        private String runId;

        @Option(names = "--description", paramLabel = "TEXT", description = "A description of this version.")
        private String description;

        @Override
        public Integer call() {
            Path home = parent.parent.home();
            LogSetup.useDataDirectory(home);
            try (Workspace workspace = Workspace.open(home)) {
                RegistryServices registry = RegistryServices.of(workspace, TrackingServices.of(workspace));
                ModelRegistration.Result result;
                try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
                    result = registry.registration().register(file, name, runId, description, progress, Cancellation.NEVER);
                }
                ModelVersion version = result.version();
                PrintWriter out = spec.commandLine().getOut();
                if (result.alreadyRegistered()) {
                    out.printf(Locale.ROOT, "%s is already registered as %s version %d (same SHA-256); nothing added.%n",
                            file.getFileName(), version.name(), version.version());
                } else {
                    out.printf(Locale.ROOT, "Registered %s version %d from %s (%,d bytes, sha256 %s)%n", version.name(),
                            version.version(), file.getFileName(), version.provenance().sizeBytes(),
                            version.provenance().sha256());
                }
                out.flush();
                return 0;
            }
        }
    }

    /** {@code cairn models list}: every registered model with its newest version. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists registered models.")
    static final class ListModels implements Callable<Integer> {

        @ParentCommand
        private ModelsCommand parent;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            Path home = parent.parent.home();
            LogSetup.useDataDirectory(home);
            try (Workspace workspace = Workspace.open(home)) {
                RegistryServices registry = RegistryServices.of(workspace, TrackingServices.of(workspace));
                PrintWriter out = spec.commandLine().getOut();
                String token = null;
                do {
                    var page = registry.registry().searchModels(null, 1000, List.of("name ASC"), token);
                    for (RegisteredModel model : page.items()) {
                        List<ModelVersion> versions = registry.registry().versions(model.name());
                        out.printf(Locale.ROOT, "%-40s %3d version(s)%s%n", model.name(), versions.size(),
                                versions.isEmpty() ? "" : ", newest " + versions.get(0).version());
                    }
                    token = page.nextPageToken();
                } while (token != null);
                out.flush();
                return 0;
            }
        }
    }
}
