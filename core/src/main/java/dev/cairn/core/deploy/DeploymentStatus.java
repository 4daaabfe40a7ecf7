package dev.cairn.core.deploy;

/** Where a deployment stands. */
public enum DeploymentStatus {
    /** Building the image or starting the container. */
    DEPLOYING,
    /** Passed its health gate and serves on its port. */
    RUNNING,
    /** Stopped by the user; can be started again. */
    STOPPED,
    /** Never became ready; the reason is recorded and its container removed. */
    FAILED,
    /** A newer deployment of the same model took its port; rollback returns to it. */
    REPLACED,
    /** Its container was removed. */
    REMOVED
}
