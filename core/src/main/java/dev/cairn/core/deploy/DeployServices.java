package dev.cairn.core.deploy;

import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.workspace.Workspace;
import java.time.Clock;
import java.util.Map;

/** The deploy services of one workspace, built together so the GUI and the CLI share them. */
public record DeployServices(DockerHosts hosts, ModelImages images, DeployableModels models, Deployer deployer) {

    /**
     * @param environment where {@code DOCKER_HOST} and {@code CAIRN_RUNTIME_JAR} are read
     * @param baseImage the image model images build FROM
     */
    public static DeployServices of(Workspace workspace, RegistryServices registry, Map<String, String> environment,
                                    String baseImage) {
        Clock clock = Clock.systemUTC();
        DockerHosts hosts = new DockerHosts(new DockerHostStore(workspace.store(), clock), environment);
        ModelImages images = new ModelImages(() -> RuntimeJar.locate(environment), baseImage, clock);
        DeployableModels models = new DeployableModels(registry.registry(), registry.files());
        Deployer deployer = new Deployer(hosts, images, new DeploymentStore(workspace.store(), clock), models);
        return new DeployServices(hosts, images, models, deployer);
    }
}
