package dev.cairn.core.deploy;

import dev.cairn.core.progress.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one new deployment in place of the current one on an engine by stopping the old one first (replace), and
 * starts, gates and discards containers for {@link RoutedRollout}. Whatever fails, the new containers are removed and
 * the old one is left (or put back) serving.
 */
final class Rollout {

    private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

    private final DockerEngine engine;
    private final DeploymentStore deployments;
    private final ProgressListener progress;
    private final ModelContainers containers;
    private final ReadinessGate gate;

    Rollout(DockerEngine engine, DeploymentStore deployments, ProgressListener progress) {
        this.engine = engine;
        this.deployments = deployments;
        this.progress = progress;
        this.containers = new ModelContainers(engine);
        this.gate = new ReadinessGate(engine);
    }

    /**
     * Replace: when the new version needs the old one's port, the old one stops first; the new one starts and is
     * gated; if it fails, the old one is started again.
     */
    void replace(Deployment attempt, DeployableModel model, Integer requestedPort, DeploySettings settings,
                 Deployment current) throws InterruptedException {
        Integer port = requestedPort != null ? requestedPort : containers.freePort();
        boolean oldStopped = false;
        if (current != null && current.status() == DeploymentStatus.RUNNING && port != null
                && port.equals(current.port())) {
            progress.progress(-1, -1, "Stopping " + current.reference() + " to free port " + port);
            containers.stop(current.containerId());
            oldStopped = true;
        }
        ModelContainers.Started started = null;
        try {
            started = launch(attempt, model, port, settings, "");
            awaitReady(started, settings);
        } catch (InterruptedException | RuntimeException e) {
            discard(started);
            if (oldStopped) {
                restore(current);
            }
            throw e;
        }
        promote(attempt, started, current);
    }

    private ModelContainers.Started launch(Deployment attempt, DeployableModel model, Integer port,
                                           DeploySettings settings, String suffix) {
        return launch(attempt, model, port, settings, suffix, null);
    }

    /** Starts a container of the attempt's image and records it on the attempt; on {@code network} unless null. */
    ModelContainers.Started launch(Deployment attempt, DeployableModel model, Integer port, DeploySettings settings,
                                   String suffix, String network) {
        String name = ImageRecipe.imageRepository(model.name()).replace('/', '-') + "-" + attempt.id() + suffix;
        progress.progress(-1, -1, "Starting container " + name + (port == null ? "" : " on port " + port));
        ModelContainers.Started started = containers.start(attempt.image(), name, port, settings,
                ModelContainers.labels(model, attempt.id()), network);
        deployments.container(attempt.id(), started.id(), started.name());
        return started;
    }

    void awaitReady(ModelContainers.Started started, DeploySettings settings) throws InterruptedException {
        progress.progress(-1, -1, "Waiting for " + started.name() + " to become ready");
        gate.await(started.id(), url(started.port()), settings.readyTimeout());
    }

    private void promote(Deployment attempt, ModelContainers.Started started, Deployment current) {
        deployments.container(attempt.id(), started.id(), started.name());
        deployments.running(attempt.id(), started.port(), url(started.port()));
        if (current != null) {
            containers.remove(current.containerId());
            deployments.status(current.id(), DeploymentStatus.REPLACED);
        }
        progress.progress(1, 1, attempt.reference() + " serves at " + url(started.port()));
    }

    /** Starts the old version again after a failed attempt, so it serves as before. */
    void restore(Deployment current) throws InterruptedException {
        progress.progress(-1, -1, "Starting " + current.reference() + " again");
        containers.startExisting(current.containerId());
        try {
            int port = containers.publishedPort(current.containerId());
            gate.await(current.containerId(), url(port), java.time.Duration.ofMinutes(1));
            deployments.running(current.id(), port, url(port));
        } catch (DeployException e) {
            LOG.warn("{} did not come back after a failed deployment: {}", current.reference(), e.getMessage());
            deployments.failed(current.id(), "Did not come back after a failed deployment: " + e.getMessage());
        }
    }

    void discard(ModelContainers.Started started) {
        if (started != null) {
            containers.remove(started.id());
        }
    }

    String url(int port) {
        return "http://" + engine.host().publishedAddress() + ":" + port;
    }
}
