package dev.cairn.core.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a model server's prediction log, as pulled into the workspace.
 *
 * @param requestId the request's {@code id}, or null
 * @param version the model version, or null when the server serves it without one
 * @param latencyMs the request's latency in milliseconds, or NaN when the line has none
 * @param inputsJson the line's {@code inputs}: a JSON array of Open Inference Protocol tensors
 * @param outputsJson the line's {@code outputs}, a JSON array of the same form
 * @param lineSha256 SHA-256 of the line's bytes: a prediction pulled twice is recognised by it
 */
public record LoggedPrediction(Instant time, String requestId, String model, String version, String endpoint,
        double latencyMs, String inputsJson, String outputsJson, String lineSha256) {

    public LoggedPrediction {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(inputsJson, "inputsJson");
        Objects.requireNonNull(outputsJson, "outputsJson");
        Objects.requireNonNull(lineSha256, "lineSha256");
    }
}
