package dev.cairn.app.deploy;

import dev.cairn.core.deploy.Deployment;

/**
 * A deployment as the table shows it, with its live health.
 *
 * @param health "ready", "not ready", "unreachable", or empty when not checked (not running)
 */
public record DeploymentRow(Deployment deployment, String health) {

    public String model() {
        return deployment.modelName();
    }

    public String status() {
        return deployment.status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
