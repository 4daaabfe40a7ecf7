package dev.cairn.runtime.server;

import dev.cairn.runtime.model.RunResult;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What every endpoint shares: the limits, the gate, the metrics, the prediction log and readiness. */
final class ServerContext {

    private final ServerOptions options;
    private final InferenceGate gate;
    private final ServerMetrics metrics;
    private final PredictionLog predictionLog;
    private final String idPrefix = Long.toHexString(System.currentTimeMillis()) + "-";
    private final AtomicLong nextId = new AtomicLong();
    private volatile boolean ready;

    ServerContext(ServerOptions options, InferenceGate gate, ServerMetrics metrics, PredictionLog predictionLog) {
        this.options = options;
        this.gate = gate;
        this.metrics = metrics;
        this.predictionLog = predictionLog;
    }

    ServerOptions options() {
        return options;
    }

    InferenceGate gate() {
        return gate;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    PredictionLog predictionLog() {
        return predictionLog;
    }

    boolean isReady() {
        return ready;
    }

    void ready(boolean value) {
        ready = value;
    }

    /** Runs the model through the gate and records the inference time. */
    RunResult run(ServedModel model, List<Tensor> inputs, Collection<String> outputNames) {
        RunResult result = gate.run(model.runner(), inputs, outputNames);
        metrics.inference(result.inferenceNanos());
        return result;
    }

    /** Names the request in an X-Request-Id header (a request without an id gets one) and logs it, if logging. */
    void log(Call call, String requestId, List<Tensor> inputs, Map<String, ? extends Value> outputs, ServedModel model) {
        String id = requestId != null ? requestId : call.header("X-Request-Id");
        if (id == null) {
            id = idPrefix + nextId.incrementAndGet();
        }
        // Echoed, so a client can find its request in the prediction log even when it sent no id.
        call.exchange().getResponseHeaders().set("X-Request-Id", id);
        if (predictionLog == null) {
            return;
        }
        predictionLog.append(new Prediction(Instant.now(), id, model.name(), model.version(), call.endpoint(), inputs,
                outputs, System.nanoTime() - call.startNanos()));
    }
}
