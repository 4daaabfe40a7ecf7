package dev.cairn.core.deploy;

/**
 * One container Cairn started (or tried to start) for a model version on a Docker host.
 *
 * @param host the saved host's name, or the engine URL for an unsaved one
 * @param cpus CPU limit, null for none
 * @param memoryBytes memory limit, null for none
 * @param failureReason why it failed, null unless {@link DeploymentStatus#FAILED}
 * @param readyAt when it passed its health gate (epoch ms), null until then
 * @param endedAt when it failed, was replaced, stopped or removed (epoch ms)
 */
public record Deployment(long id, String host, String modelName, int modelVersion, String modelSha256, String image,
                         String containerId, String containerName, Integer port, String url, DeployStrategy strategy,
                         Double cpus, Long memoryBytes, String restartPolicy, DeploymentStatus status,
                         String failureReason, long createdAt, Long readyAt, Long endedAt) {

    /** {@code name:version}. */
    public String reference() {
        return modelName + ":" + modelVersion;
    }
}
