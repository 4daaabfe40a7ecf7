package dev.cairn.core.deploy;

import java.time.Duration;
import java.util.Map;

/**
 * How to run a model's container.
 *
 * @param port the host port to publish, null for the one the model already has on the host, else a free one
 * @param cpus CPU limit (1.5 = one and a half cores), null for none
 * @param memoryBytes memory limit, null for none
 * @param restartPolicy Docker's restart policy: {@code no}, {@code on-failure}, {@code always}, {@code unless-stopped}
 * @param environment extra environment variables for the container
 * @param readyTimeout how long the container may take to pass its health gate
 */
public record DeploySettings(Integer port, DeployStrategy strategy, Double cpus, Long memoryBytes, String restartPolicy,
                             Map<String, String> environment, Duration readyTimeout) {

    public DeploySettings {
        environment = Map.copyOf(environment);
    }

    /** A free port, replace, no limits, restarted unless stopped, two minutes to become ready. */
    public static DeploySettings defaults() {
        return new DeploySettings(null, DeployStrategy.REPLACE, null, null, "unless-stopped", Map.of(),
                Duration.ofMinutes(2));
    }

    public DeploySettings withPort(Integer newPort) {
        return new DeploySettings(newPort, strategy, cpus, memoryBytes, restartPolicy, environment, readyTimeout);
    }

    public DeploySettings withStrategy(DeployStrategy newStrategy) {
        return new DeploySettings(port, newStrategy, cpus, memoryBytes, restartPolicy, environment, readyTimeout);
    }

    public DeploySettings withLimits(Double newCpus, Long newMemoryBytes) {
        return new DeploySettings(port, strategy, newCpus, newMemoryBytes, restartPolicy, environment, readyTimeout);
    }

    public DeploySettings withReadyTimeout(Duration timeout) {
        return new DeploySettings(port, strategy, cpus, memoryBytes, restartPolicy, environment, timeout);
    }

    /** The settings a past deployment ran with (its environment is not kept), for redeploy and rollback. */
    public static DeploySettings of(Deployment deployment, Duration readyTimeout) {
        return new DeploySettings(deployment.port(), deployment.strategy(), deployment.cpus(), deployment.memoryBytes(),
                deployment.restartPolicy(), Map.of(), readyTimeout);
    }
}
