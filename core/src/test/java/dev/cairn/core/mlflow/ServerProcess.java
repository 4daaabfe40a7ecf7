package dev.cairn.core.mlflow;

import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs in a child JVM: serves the workspace {@code args[0]} and writes the port to {@code args[1]}. */
public final class ServerProcess {

    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Workspace workspace = Workspace.open(Path.of(args[0]));
        TrackingServices tracking = TrackingServices.of(workspace);
        MlflowServer server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                MlflowServer.Options.defaults().withAddress("127.0.0.1", 0));
        Path portFile = Path.of(args[1]);
        Path partial = Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".part"), Integer.toString(server.port()));
        Files.move(partial, portFile);
        Thread.sleep(Long.MAX_VALUE);
    }
}
