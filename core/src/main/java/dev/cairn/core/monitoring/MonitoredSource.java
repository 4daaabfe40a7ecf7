package dev.cairn.core.monitoring;

import java.time.Instant;

/**
 * A model server whose prediction log is pulled into the workspace.
 *
 * @param name how commands and the GUI name it: the URL, a deployment ({@code deployment-7}) or a chosen name
 * @param deploymentId the deployment it was pulled for, or null
 * @param lastTime the newest prediction time stored, where the next pull starts; null before any
 * @param lastPulledAt when it was last pulled, or null
 * @param predictions how many predictions are stored
 */
public record MonitoredSource(String name, String url, Long deploymentId, Instant lastTime, Instant lastPulledAt,
        long predictions, Instant createdAt) {
}
