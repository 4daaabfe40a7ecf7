package dev.cairn.core.deploy;

import com.github.dockerjava.api.model.Container;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.testdata.TestData;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A workspace with the iris classifier registered twice under one name (versions 1 and 2, the same file, so the
 * image layers are shared and only the served version differs), and a deployer on the local engine.
 */
final class DeployFixture implements AutoCloseable {

    final String modelName;
    final Deployer deployer;
    final DeploymentStore deployments;
    final DockerHosts hosts;
    final IrisClient iris = new IrisClient();
    private final RegistryServices registry;

    DeployFixture(Workspace workspace, String modelName) {
        this.modelName = modelName;
        registry = RegistryServices.of(workspace, TrackingServices.of(workspace));
        ModelVersion first = registry.registration().register(TestData.model("tribuo_iris_lr.onnx"), modelName, null,
                null, ProgressListener.NONE, Cancellation.NEVER).version();
        registry.registry().createVersion(modelName, first.source(), null, null, "the same file again", Map.of(),
                first.provenance());
        Clock clock = Clock.systemUTC();
        hosts = new DockerHosts(new DockerHostStore(workspace.store(), clock), System.getenv());
        deployments = new DeploymentStore(workspace.store(), clock);
        deployer = new Deployer(hosts, TestModels.images(), deployments,
                new DeployableModels(registry.registry(), registry.files()));
    }

    /** Registers {@code file} (from the shared models) as the model's next version and returns its number. */
    int addVersion(String file) {
        return registry.registration().register(TestData.model(file), modelName, null, null, ProgressListener.NONE,
                Cancellation.NEVER).version().version();
    }

    Deployment deploy(int version, DeploySettings settings) throws InterruptedException {
        return deployer.deploy("local", modelName, Integer.toString(version), settings, ProgressListener.NONE);
    }

    /** The model's containers on the engine, running or not. */
    List<Container> containers() {
        try (DockerEngine engine = DockerEngine.connect(LocalDocker.host())) {
            return engine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.MODEL_NAME, modelName)).exec().stream()
                    .filter(container -> container.getLabels() == null
                            || !container.getLabels().containsKey(RouterContainers.ROUTER_FOR)).toList();
        }
    }

    /** The model's router containers (they carry the image's model labels too). */
    List<Container> routers() {
        try (DockerEngine engine = DockerEngine.connect(LocalDocker.host())) {
            return engine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(RouterContainers.ROUTER_FOR, modelName)).exec();
        }
    }

    /** Removes every container of the model, so no test leaves one behind. */
    @Override
    public void close() {
        DockerEngine connected;
        try {
            connected = DockerEngine.connect(LocalDocker.host());
        } catch (DeployException e) {
            return; // No engine: nothing was started that needs removing, and the test needing none may pass.
        }
        try (DockerEngine engine = connected) {
            for (Container container : engine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.MODEL_NAME, modelName)).exec()) {
                engine.client().removeContainerCmd(container.getId()).withForce(true).exec();
            }
            new RouterContainers(engine).removeWithNetwork(modelName);
        }
    }
}
