package dev.cairn.app.cli;

import dev.cairn.core.mlflow.MlflowServer;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn server}: serves the MLflow-compatible API on the workspace until stopped (Ctrl+C). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Serves the MLflow-compatible tracking API on the data directory.",
            "Point training scripts at it with MLFLOW_TRACKING_URI=http://HOST:PORT."})
final class ServerCommand implements Callable<Integer> {

    @ParentCommand
    private CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    private String host;

    @Option(names = "--port", defaultValue = "5000", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--token", description = "Bearer token clients must send (MLFLOW_TRACKING_TOKEN). "
            + "Generated when binding beyond loopback without one.")
    private String token;

    @Override
    public Integer call() throws InterruptedException {
        LogSetup.useDataDirectory(parent.home());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (token != null && token.isBlank()) {
            // An empty token would let in every request that sends "Bearer " or a blank password.
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--token must not be empty: give a "
                    + "secret, or leave --token out (a random one is made when serving beyond this machine)");
        }
        String effectiveToken = token;
        if (!MlflowServer.isLoopback(host)) {
            err.println("cairn: warning: serving on " + host + ", reachable from other machines; every request needs the token.");
            if (effectiveToken == null) {
                effectiveToken = MlflowServer.newToken();
            }
        }
        Workspace workspace = Workspace.open(parent.home());
        MlflowServer server;
        try {
            TrackingServices tracking = TrackingServices.of(workspace);
            server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                    MlflowServer.Options.defaults().withAddress(host, port).withToken(effectiveToken));
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            workspace.close();
            stopped.countDown();
        }, "cairn-server-shutdown"));
        out.println("Cairn serves the MLflow API at " + server.uri() + " on " + workspace.home());
        out.println("  export MLFLOW_TRACKING_URI=" + server.uri());
        if (effectiveToken != null) {
            out.println("  export MLFLOW_TRACKING_TOKEN=" + effectiveToken);
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
