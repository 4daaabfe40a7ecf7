package dev.cairn.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.cairn.runtime.router.RouteTable;
import dev.cairn.runtime.router.Upstream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The router container of a model on an engine: the model image's runtime in router mode, holding the model's public
 * port, on a Docker network of the model's own where it reaches the model containers by name.
 */
final class RouterContainers {

    /** The label naming the model a router serves. */
    static final String ROUTER_FOR = "dev.cairn.router.for";

    private static final ExposedPort PUBLIC = ExposedPort.tcp(ImageRecipe.CONTAINER_PORT);
    private static final ExposedPort ADMIN = ExposedPort.tcp(ImageRecipe.CONTAINER_PORT + 1);

    private final DockerEngine engine;

    RouterContainers(DockerEngine engine) {
        this.engine = engine;
    }

    /** A running router: its container, public port and admin API address. */
    record RunningRouter(String id, String name, int port, String adminUrl) {
    }

    static String network(String modelName) {
        return "cairn-" + ImageRecipe.imageRepository(modelName).substring("cairn/".length());
    }

    static String containerName(String modelName) {
        return network(modelName) + "-router";
    }

    /** The upstream for a deployment's container: named after the deployment, reached by container name. */
    static Upstream upstream(Deployment deployment, String containerName, int weight) {
        return new Upstream("d" + deployment.id(), URI.create("http://" + containerName + ":"
                + ImageRecipe.CONTAINER_PORT), weight);
    }

    /** The deployment id an upstream stands for, empty for one Cairn did not name. */
    static Optional<Long> deploymentId(Upstream upstream) {
        return upstream.name().matches("d\\d+") ? Optional.of(Long.parseLong(upstream.name().substring(1)))
                : Optional.empty();
    }

    /** Creates the model's network unless it exists. */
    void ensureNetwork(String modelName) {
        String name = network(modelName);
        boolean exists = engine.client().listNetworksCmd().withNameFilter(name).exec().stream()
                .anyMatch(network -> network.getName().equals(name));
        if (!exists) {
            engine.client().createNetworkCmd().withName(name).withDriver("bridge")
                    .withLabels(Map.of(ROUTER_FOR, modelName)).exec();
        }
    }

    /** The model's router if one is running. */
    Optional<RunningRouter> running(String modelName) {
        List<Container> found = engine.client().listContainersCmd()
                .withLabelFilter(Map.of(ROUTER_FOR, modelName)).exec();
        return found.stream().findFirst().map(container -> describe(container.getId()));
    }

    /**
     * Starts the router from {@code image} on {@code port} (null: a free one) with {@code routes}; its admin API is
     * published on this machine's loopback only.
     */
    RunningRouter start(String modelName, String image, Integer port, String restartPolicy, RouteTable routes) {
        remove(modelName);
        DockerClient client = engine.client();
        List<String> command = new ArrayList<>(List.of("router", "--port", Integer.toString(ImageRecipe.CONTAINER_PORT),
                "--admin-port", Integer.toString(ImageRecipe.CONTAINER_PORT + 1)));
        for (Upstream upstream : routes.upstreams()) {
            command.addAll(List.of("--route", upstream.name() + "=" + upstream.url(),
                    "--weight", upstream.name() + "=" + upstream.weight()));
        }
        Ports.Binding publicBinding = port == null ? Ports.Binding.bindIp("0.0.0.0")
                : Ports.Binding.bindIpAndPort("0.0.0.0", port);
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withPortBindings(new PortBinding(publicBinding, PUBLIC),
                        new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ADMIN))
                .withRestartPolicy(RestartPolicy.parse(restartPolicy))
                .withNetworkMode(network(modelName));
        var create = client.createContainerCmd(image).withName(containerName(modelName))
                .withLabels(Map.of(ROUTER_FOR, modelName)).withExposedPorts(PUBLIC, ADMIN)
                .withCmd(command).withHostConfig(hostConfig);
        if (engine.info().apiAtLeast(ModelContainers.START_INTERVAL_API)) {
            create.withHealthcheck(new HealthCheck().withStartInterval(TimeUnit.SECONDS.toNanos(1)));
        }
        String id = create.exec().getId();
        try {
            client.startContainerCmd(id).exec();
            return describe(id);
        } catch (RuntimeException e) {
            remove(modelName);
            throw new DeployException("Cannot start the router of " + modelName + " on host " + engine.host().name()
                    + (port == null ? "" : " with port " + port) + ": " + DockerEngine.rootMessage(e), e);
        }
    }

    /** Removes the model's router container; none is fine. */
    void remove(String modelName) {
        try {
            engine.client().removeContainerCmd(containerName(modelName)).withForce(true).exec();
        } catch (NotFoundException e) {
            // None there.
        }
    }

    /** Removes the model's router and its network, when nothing of the model is left to route to. */
    void removeWithNetwork(String modelName) {
        remove(modelName);
        String name = network(modelName);
        engine.client().listNetworksCmd().withNameFilter(name).exec().stream()
                .filter(network -> network.getName().equals(name))
                .forEach(network -> engine.client().removeNetworkCmd(network.getId()).exec());
    }

    private RunningRouter describe(String id) {
        var container = engine.client().inspectContainerCmd(id).exec();
        Map<ExposedPort, Ports.Binding[]> bindings = container.getNetworkSettings().getPorts().getBindings();
        int port = Integer.parseInt(bindings.get(PUBLIC)[0].getHostPortSpec());
        int admin = Integer.parseInt(bindings.get(ADMIN)[0].getHostPortSpec());
        return new RunningRouter(id, container.getName().replaceFirst("^/", ""), port, "http://127.0.0.1:" + admin);
    }
}
