package dev.cairn.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Creates, starts, stops and removes model containers on one engine. */
final class ModelContainers {

    /** Engines from this API on take a health-check start interval: quick checks while starting, then slow ones. */
    static final String START_INTERVAL_API = "1.44";

    private static final ExposedPort SERVER_PORT = ExposedPort.tcp(ImageRecipe.CONTAINER_PORT);
    private static final int STOP_SECONDS = 10;

    private final DockerEngine engine;

    ModelContainers(DockerEngine engine) {
        this.engine = engine;
    }

    /** A started container and the host port it publishes. */
    record Started(String id, String name, int port) {
    }

    /** Creates and starts a container of {@code image}, publishing the server on {@code port} (null: a free one). */
    Started start(String image, String name, Integer port, DeploySettings settings, Map<String, String> labels) {
        return start(image, name, port, settings, labels, null);
    }

    /**
     * As {@link #start(String, String, Integer, DeploySettings, Map)}, on the Docker network {@code network} (null: the
     * default bridge), where a router reaches it by its name.
     */
    Started start(String image, String name, Integer port, DeploySettings settings, Map<String, String> labels,
                  String network) {
        DockerClient client = engine.client();
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withPortBindings(new PortBinding(port == null ? Ports.Binding.bindIp("0.0.0.0")
                        : Ports.Binding.bindIpAndPort("0.0.0.0", port), SERVER_PORT))
                .withRestartPolicy(RestartPolicy.parse(settings.restartPolicy()));
        if (settings.cpus() != null) {
            hostConfig.withNanoCPUs(Math.round(settings.cpus() * 1e9));
        }
        if (settings.memoryBytes() != null) {
            hostConfig.withMemory(settings.memoryBytes());
        }
        if (network != null) {
            hostConfig.withNetworkMode(network);
        }
        CreateContainerCmd create = client.createContainerCmd(image)
                .withName(name)
                .withLabels(labels)
                .withExposedPorts(SERVER_PORT)
                .withEnv(settings.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(hostConfig);
        if (engine.info().apiAtLeast(START_INTERVAL_API)) {
            // The image's other health-check settings stay; the engine merges what is left unset.
            create.withHealthcheck(new HealthCheck().withStartInterval(TimeUnit.SECONDS.toNanos(1)));
        }
        String id = create.exec().getId();
        try {
            client.startContainerCmd(id).exec();
            return new Started(id, name, publishedPort(client.inspectContainerCmd(id).exec()));
        } catch (RuntimeException e) {
            remove(id);
            throw new DeployException("Cannot start a container of " + image + " on host " + engine.host().name()
                    + (port == null ? "" : " with port " + port) + ": " + DockerEngine.rootMessage(e), e);
        }
    }

    /** The host port a container publishes the server on now. */
    int publishedPort(String id) {
        return publishedPort(engine.client().inspectContainerCmd(id).exec());
    }

    /**
     * A port for a new deployment when the user named none. On this machine's engine it is chosen here and bound
     * explicitly, since a container Docker gave a random port gets another one each time it starts again; a remote
     * engine picks one itself, and Cairn reads it back after every start.
     */
    Integer freePort() {
        if (!"127.0.0.1".equals(engine.host().publishedAddress())) {
            return null;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            return null;
        }
    }

    private static int publishedPort(InspectContainerResponse container) {
        Map<ExposedPort, Ports.Binding[]> bindings = container.getNetworkSettings().getPorts().getBindings();
        Ports.Binding[] bound = bindings.get(SERVER_PORT);
        if (bound == null || bound.length == 0) {
            throw new DeployException("The engine published no port for container " + container.getName());
        }
        return Integer.parseInt(bound[0].getHostPortSpec());
    }

    /** Cairn's labels for a deployment's container, so a host's containers tell what they serve. */
    static Map<String, String> labels(DeployableModel model, long deploymentId) {
        Map<String, String> labels = new HashMap<>();
        labels.put(Labels.MODEL_NAME, model.name());
        labels.put(Labels.MODEL_VERSION, Integer.toString(model.version()));
        labels.put(Labels.MODEL_SHA256, model.sha256());
        labels.put(Labels.DEPLOYMENT_ID, Long.toString(deploymentId));
        return labels;
    }

    void startExisting(String id) {
        try {
            engine.client().startContainerCmd(id).exec();
        } catch (NotModifiedException e) {
            // Already running.
        }
    }

    /** Stops a container (SIGTERM, so the server drains); one already stopped or gone is fine. */
    void stop(String id) {
        try {
            engine.client().stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // Already stopped or removed.
        }
    }

    /** Removes a container, stopping it first; one already gone is fine. */
    void remove(String id) {
        try {
            engine.client().removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException e) {
            // Already removed.
        }
    }

    boolean exists(String id) {
        try {
            engine.client().inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The last {@code lines} lines of a container's output, for failure reasons. */
    List<String> tail(String id, int lines) {
        return ContainerLogs.tail(engine, id, lines);
    }
}
