package dev.cairn.runtime.cli;

import dev.cairn.runtime.model.ModelLoadException;
import dev.cairn.runtime.server.ModelServer;
import dev.cairn.runtime.server.ServedModel;
import dev.cairn.runtime.server.ServerOptions;
import dev.cairn.runtime.server.ServerRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code cairn-runtime.jar}, the model server that runs inside deployed containers. */
@Command(name = "cairn-runtime", sortOptions = false, usageHelpAutoWidth = true, subcommands = RouterCommand.class,
        description = {"Serves one ONNX model over the Open Inference Protocol (KServe V2, /v2/...), MLflow's scoring "
                + "protocol (/invocations) and Prometheus metrics (/metrics).",
                "SIGTERM or Ctrl-C drains requests in flight and exits 0.",
                "'cairn-runtime router ...' runs the same jar as a router in front of model servers instead."})
public final class RuntimeMain implements Callable<Integer> {

    // Not required to picocli: the router subcommand runs without one; call() asks for it.
    @Option(names = "--model", paramLabel = "FILE.onnx", description = "The model to serve (required).")
    Path model;

    @Option(names = "--name", paramLabel = "NAME", description = "The name clients use (default: the file name).")
    String name;

    @Option(names = "--version", paramLabel = "V", defaultValue = "1", description = "The version clients see "
            + "(default: ${DEFAULT-VALUE}).")
    String modelVersion;

    @Option(names = "--threads", paramLabel = "N", description = "Inferences run at once; more admitted requests "
            + "wait their turn (default: as many as --max-inflight).")
    Integer threads;

    @Option(names = "--intra-op-threads", paramLabel = "N", defaultValue = "1", description = "ONNX Runtime threads "
            + "per operator (default: ${DEFAULT-VALUE}; 0 = one per core, for large models at low concurrency).")
    int intraOpThreads;

    @Option(names = "--max-inflight", paramLabel = "N", defaultValue = "64", description = "Requests admitted at "
            + "once; more get 503 (default: ${DEFAULT-VALUE}).")
    int maxInflight;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Keep a prediction log (JSON lines, rotated by "
            + "size) in DIR, served at /v2/logs/predictions.")
    Path logDir;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Close "
            + "connections whose request takes longer to arrive (default: ${DEFAULT-VALUE}).")
    long requestTimeout;

    @CommandLine.Mixin
    ListenOptions listen = new ListenOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RuntimeMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (model == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--model=FILE.onnx'");
        }
        ServerOptions options = new ServerOptions(listen.host, listen.port,
                threads == null ? maxInflight : threads, intraOpThreads, listen.maxBody,
                maxInflight, logDir, Duration.ofSeconds(requestTimeout), Duration.ofSeconds(listen.drainTimeout));
        ServedModel served;
        try {
            served = ServedModel.load(model, name, modelVersion, options.intraOpThreads());
        } catch (ModelLoadException e) {
            spec.commandLine().getErr().println("cairn-runtime: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println("cairn-runtime: cannot read " + model + ": " + e.getMessage());
            return 2;
        }
        ModelServer server;
        try {
            server = ModelServer.start(served, options, System.out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("cairn-runtime: cannot listen on " + listen.host + ":" + listen.port + ": "
                    + e.getMessage());
            return 1;
        }
        return ServerRun.untilSignalled(server, options.drainTimeout(), System.out);
    }
}
