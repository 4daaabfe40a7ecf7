package dev.cairn.app.cli;

import dev.cairn.core.error.CairnException;
import dev.cairn.runtime.model.ModelLoadException;
import dev.cairn.runtime.server.ModelServer;
import dev.cairn.runtime.server.ServedModel;
import dev.cairn.runtime.server.ServerOptions;
import dev.cairn.runtime.server.ServerRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn serve FILE|NAME:VERSION [--port N]}: runs the same model server a deployed container runs, here,
 * until Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a model over the Open Inference Protocol (/v2/...), MLflow's scoring protocol "
                + "(/invocations) and Prometheus metrics (/metrics), as a deployed container would.",
            "MODEL is an .onnx file or a registered NAME:VERSION (VERSION may be an alias such as champion).",
            "Ctrl-C drains requests in flight and stops."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private CairnCommand parent;

    @Parameters(paramLabel = "MODEL", description = "An .onnx file or NAME:VERSION of a registered model.")
    private String model;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks one).")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: "
            + "${DEFAULT-VALUE}; 0.0.0.0 to be reachable from other machines).")
    private String host;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Keep a prediction log in DIR.")
    private Path logDir;

    @Option(names = "--threads", paramLabel = "N", description = "Inferences run at once (default: every request "
            + "admitted, up to 64).")
    private Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        ModelReference reference = ModelReference.resolve(model, parent.home());
        ServerOptions defaults = ServerOptions.defaults();
        ServerOptions options = defaults.withAddress(host, port).withLogDir(logDir)
                .withThreads(threads == null ? defaults.inferenceThreads() : threads, defaults.intraOpThreads());
        String name = reference.version() == null ? null : reference.name();
        ServedModel served;
        try {
            served = ServedModel.load(reference.file(), name, reference.version(), options.intraOpThreads());
        } catch (ModelLoadException e) {
            throw new CairnException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CairnException("Cannot read " + reference.file() + ": " + e.getMessage(), e);
        }
        ModelServer server;
        try {
            server = ModelServer.start(served, options, System.out);
        } catch (IOException e) {
            throw new CairnException("Cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); is another server using the port? Try --port 0 for a free one", e);
        }
        return ServerRun.untilSignalled(server, options.drainTimeout(), System.out);
    }
}
