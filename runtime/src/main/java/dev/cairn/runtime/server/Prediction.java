package dev.cairn.runtime.server;

import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inference as the model server saw it, kept in the {@link PredictionLog} with its input values so that the
 * workbench can compute data drift from them later.
 *
 * @param time when the answer was ready (just before it is sent)
 * @param requestId the request's {@code id}, or null when it had none
 * @param model the model name
 * @param version the model version, or null when the server serves the model without one
 * @param endpoint the endpoint that answered, as the metrics name it: {@code infer} or {@code invocations}
 * @param inputs the decoded input tensors
 * @param outputs the model's outputs by name, in the order they are returned
 * @param latencyNanos how long the request took, in nanoseconds
 */
public record Prediction(Instant time, String requestId, String model, String version, String endpoint,
        List<Tensor> inputs, Map<String, ? extends Value> outputs, long latencyNanos) {

    /** Checks the required fields and copies the collections (the tensors themselves are immutable). */
    public Prediction {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
        inputs = List.copyOf(inputs);
        // Map.copyOf would lose the output order, which the log keeps as the response had it.
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
}
