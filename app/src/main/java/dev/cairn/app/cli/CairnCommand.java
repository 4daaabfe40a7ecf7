package dev.cairn.app.cli;

import dev.cairn.app.gui.GuiLauncher;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.workspace.DataDirectory;
import dev.cairn.runtime.CairnVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code cairn} command: starts the workbench, or runs a headless sub-command. */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = CairnCommand.Version.class,
        description = {"Cairn, the MLOps workbench for the desktop.",
            "Without a command it opens the workbench window; with one it runs headless."},
        subcommands = {InfoCommand.class, ServerCommand.class, ImportCommand.class, ModelsCommand.class,
            InspectCommand.class, PredictCommand.class, ServeCommand.class, BenchCommand.class, BenchmarksCommand.class,
            DriftCommand.class, DatasetsCommand.class, HostsCommand.class, DeployCommand.class, DeploymentsCommand.class,
            DemoCommand.class, MonitorCommand.class, PluginsCommand.class, CommandLine.HelpCommand.class})
public final class CairnCommand implements Callable<Integer> {

    /** Exit code for a bad command line: unknown command, unknown or malformed option. */
    public static final int USAGE_ERROR = 2;

    private final Map<String, String> environment;
    private Path home;

    CairnCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data directory (default: $CAIRN_HOME, else ~/.cairn).")
    void setHome(Path home) {
        this.home = home;
    }

    /** The environment the command runs in ({@code DOCKER_HOST}, {@code CAIRN_RUNTIME_JAR}, ...). */
    Map<String, String> environment() {
        return environment;
    }

    /** The data directory this invocation works on. */
    Path home() {
        return DataDirectory.resolve(home, environment, System.getProperty("user.home"));
    }

    @picocli.CommandLine.Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to open in the "
            + "workbench, as if dropped on its window: .onnx models, .csv data, mlruns folders.")
    private java.util.List<Path> files = java.util.List.of();

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (Path file : files) {
            if (!java.nio.file.Files.exists(file)) {
                // A bare word is most likely a mistyped command; anything else a file that is not there.
                String name = file.toString();
                boolean word = name.matches("[A-Za-z][A-Za-z-]*");
                spec.commandLine().getErr().println("cairn: " + (word ? "unknown command '" + name + "'"
                        : "no such file: " + name) + " (try 'cairn --help')");
                return USAGE_ERROR;
            }
        }
        LogSetup.useDataDirectory(home());
        return GuiLauncher.launch(home(), files.stream().map(Path::toAbsolutePath).toList());
    }

    /** Parses {@code args} and runs what they ask for with this process's streams and environment. */
    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return run(args, out, err, System.getenv());
    }

    /** Parses {@code args} and runs what they ask for; returns the process exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new CairnCommand(environment))
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(CairnCommand::reportUsageError)
                .setExecutionExceptionHandler(CairnCommand::reportFailure);
        return commandLine.execute(args);
    }

    private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("cairn: " + describe(e) + " (try 'cairn --help')");
        return USAGE_ERROR;
    }

    /** Picocli's wording, except that a stray word where a command could stand is an unknown command. */
    private static String describe(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !e.getCommandLine().getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return e.getMessage();
    }

    private static int reportFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (e instanceof CairnException) {
            commandLine.getErr().println("cairn: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        throw e;
    }

    /** Supplies {@code --version} from the build's version resource. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cairn " + CairnVersion.current(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
