package dev.cairn.core.deploy;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys model versions to Docker hosts and manages what runs there: builds the image when the host lacks it,
 * starts the container, gates it on health, records every step, and undoes a failed attempt so the version that
 * served before keeps serving. Runs on the caller's thread.
 */
public final class Deployer {

    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

    private final DockerHosts hosts;
    private final ModelImages images;
    private final DeploymentStore deployments;
    private final DeployableModels models;

    public Deployer(DockerHosts hosts, ModelImages images, DeploymentStore deployments, DeployableModels models) {
        this.hosts = hosts;
        this.images = images;
        this.deployments = deployments;
        this.models = models;
    }

    /**
     * Deploys {@code model} to {@code host} with {@code settings}. Returns the running deployment.
     *
     * @throws DeployException when the host refuses the version, the build fails or the container never becomes
     *     ready; the attempt is then recorded as failed with the reason and nothing of it is left running
     */
    public Deployment deploy(DockerHost host, DeployableModel model, DeploySettings settings, ProgressListener progress)
            throws InterruptedException {
        return deploy(host, model, settings, TrafficPolicy.defaults(), progress);
    }

    /**
     * Deploys {@code model} to {@code host}; a canary, shadow or A/B rollout is judged by {@code policy}. Every
     * strategy but replace puts the model behind its router, and once it has one every later rollout goes through it.
     */
    public Deployment deploy(DockerHost host, DeployableModel model, DeploySettings settings, TrafficPolicy policy,
                             ProgressListener progress) throws InterruptedException {
        if (host.production()) {
            Optional<String> refusal = models.productionRefusal(model);
            if (refusal.isPresent()) {
                throw new DeployException("Host " + host.name() + " is a production host and only takes approved "
                        + "versions: " + refusal.get());
            }
        }
        try (DockerEngine engine = DockerEngine.connect(host)) {
            Deployment attempt = deployments.begin(host.name(), model, ImageRecipe.tag(model), settings);
            try {
                progress.progress(-1, -1, "Preparing image " + attempt.image() + " on " + host.name());
                images.ensure(engine, model, progress);
                Optional<Deployment> current = deployments.current(model.name(), host.name());
                Integer port = settings.port() != null ? settings.port() : current.map(Deployment::port).orElse(null);
                if (settings.strategy() != DeployStrategy.REPLACE
                        || new RouterContainers(engine).running(model.name()).isPresent()) {
                    if (!"127.0.0.1".equals(host.publishedAddress())) {
                        throw new DeployException("The " + settings.strategy().label() + " strategy runs the model "
                                + "behind a router whose admin port is on the engine machine's loopback, out of reach "
                                + "of a TCP engine (" + host.url() + "); deploy with --strategy replace there");
                    }
                    new RoutedRollout(engine, deployments, progress).run(attempt, model, port, settings,
                            current.orElse(null), policy);
                } else {
                    new Rollout(engine, deployments, progress).replace(attempt, model, port, settings,
                            current.orElse(null));
                }
            } catch (InterruptedException | RuntimeException e) {
                deployments.failed(attempt.id(), e.getMessage() == null ? e.toString() : e.getMessage());
                LOG.warn("Deployment {} of {} on {} failed: {}", attempt.id(), model.reference(), host.name(),
                        e.getMessage());
                throw e;
            }
            return deployments.get(attempt.id()).orElseThrow();
        }
    }

    /** Deploys the registered version {@code version} (a number or an alias) of {@code name}. */
    public Deployment deploy(String hostNameOrUrl, String name, String version, DeploySettings settings,
                             ProgressListener progress) throws InterruptedException {
        return deploy(hostNameOrUrl, name, version, settings, TrafficPolicy.defaults(), progress);
    }

    /** As above, with the policy that judges a canary, shadow or A/B rollout. */
    public Deployment deploy(String hostNameOrUrl, String name, String version, DeploySettings settings,
                             TrafficPolicy policy, ProgressListener progress) throws InterruptedException {
        return deploy(hosts.resolve(hostNameOrUrl), models.resolve(name, version), settings, policy, progress);
    }

    /** Deploys the same version again, with the settings it ran with, e.g. after its container was removed. */
    public Deployment redeploy(long id, Duration readyTimeout, ProgressListener progress) throws InterruptedException {
        Deployment deployment = require(id);
        return deploy(hosts.resolve(deployment.host()), models.resolve(deployment.modelName(),
                Integer.toString(deployment.modelVersion())), DeploySettings.of(deployment, readyTimeout), progress);
    }

    /**
     * Returns the model on the host to the version that served before the current one, with the current one's port,
     * strategy and limits.
     */
    public Deployment rollback(String modelName, String hostNameOrUrl, Duration readyTimeout, ProgressListener progress)
            throws InterruptedException {
        DockerHost host = hosts.resolve(hostNameOrUrl);
        Deployment current = deployments.current(modelName, host.name()).orElseThrow(() -> new DeployException(
                "Nothing of " + modelName + " is deployed on " + host.name() + " to roll back"));
        Deployment previous = deployments.previous(modelName, host.name(), current.id(), current.modelVersion())
                .orElseThrow(() -> new DeployException("No earlier version of " + modelName + " served on "
                        + host.name() + " before version " + current.modelVersion()));
        progress.progress(-1, -1, "Rolling " + modelName + " back from version " + current.modelVersion() + " to "
                + previous.modelVersion());
        // Back to a version that served before: switched at once, not tried as a canary again.
        DeploySettings settings = DeploySettings.of(current, readyTimeout);
        if (settings.strategy().triesBeforeSwitching()) {
            settings = settings.withStrategy(DeployStrategy.BLUE_GREEN);
        }
        return deploy(host, models.resolve(modelName, Integer.toString(previous.modelVersion())), settings, progress);
    }

    /** Every deployment, newest first. */
    public List<Deployment> list() {
        return deployments.list();
    }

    public Deployment get(long id) {
        return require(id);
    }

    /** The deployment serving {@code modelName} on the host, if any. */
    public Optional<Deployment> current(String modelName, String hostNameOrUrl) {
        return deployments.current(modelName, hosts.resolve(hostNameOrUrl).name());
    }

    /** Stops a deployment's container (its server drains first); it can be started again. */
    public Deployment stop(long id) {
        Deployment deployment = requireContainer(id);
        try (DockerEngine engine = DockerEngine.connect(hosts.resolve(deployment.host()))) {
            new ModelContainers(engine).stop(deployment.containerId());
        }
        deployments.status(id, DeploymentStatus.STOPPED);
        return require(id);
    }

    /** Starts a stopped deployment's container again and waits until it is ready. */
    public Deployment start(long id, Duration readyTimeout) throws InterruptedException {
        Deployment deployment = requireContainer(id);
        try (DockerEngine engine = DockerEngine.connect(hosts.resolve(deployment.host()))) {
            ModelContainers containers = new ModelContainers(engine);
            containers.startExisting(deployment.containerId());
            // A port the engine chose may change when a container starts again.
            int port = containers.publishedPort(deployment.containerId());
            Rollout rollout = new Rollout(engine, deployments, ProgressListener.NONE);
            new ReadinessGate(engine).await(deployment.containerId(), rollout.url(port), readyTimeout);
            // Behind a router, clients keep using the router's port.
            int publicPort = new RouterContainers(engine).running(deployment.modelName())
                    .map(RouterContainers.RunningRouter::port).orElse(port);
            deployments.running(id, publicPort, rollout.url(publicPort));
        }
        return require(id);
    }

    /**
     * Removes a deployment's container; the record stays in the history. With nothing of the model left on the host,
     * its router and network go too.
     */
    public Deployment remove(long id) {
        Deployment deployment = requireContainer(id);
        try (DockerEngine engine = DockerEngine.connect(hosts.resolve(deployment.host()))) {
            new ModelContainers(engine).remove(deployment.containerId());
            deployments.status(id, DeploymentStatus.REMOVED);
            if (deployments.current(deployment.modelName(), deployment.host()).isEmpty()) {
                new RouterContainers(engine).removeWithNetwork(deployment.modelName());
            }
        }
        return require(id);
    }

    /** Sends the container's last {@code lines} lines to {@code sink}, then new ones while {@code follow}. */
    public void logs(long id, int lines, boolean follow, Consumer<String> sink, Cancellation cancellation)
            throws InterruptedException {
        Deployment deployment = requireContainer(id);
        try (DockerEngine engine = DockerEngine.connect(hosts.resolve(deployment.host()))) {
            ContainerLogs.stream(engine, deployment.containerId(), lines, follow, sink, cancellation);
        }
    }

    private Deployment require(long id) {
        return deployments.get(id).orElseThrow(() -> new DeployException("No deployment " + id
                + " (see 'cairn deployments list')"));
    }

    private Deployment requireContainer(long id) {
        Deployment deployment = require(id);
        if (deployment.containerId() == null || deployment.status() == DeploymentStatus.REMOVED
                || deployment.status() == DeploymentStatus.FAILED) {
            throw new DeployException("Deployment " + id + " (" + deployment.reference() + ") has no container; it is "
                    + deployment.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        return deployment;
    }
}
