package dev.cairn.runtime.server;

import dev.cairn.runtime.CairnVersion;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.DoubleSupplier;

/**
 * The server's Prometheus metrics, kept in a registry of its own so that two servers in one JVM (tests, the
 * workbench) do not share counts: requests by endpoint and status, request and inference latency, requests in
 * flight, which model is live, start-up time, and the JVM and process collectors.
 */
final class ServerMetrics {

    /** Latency buckets from 100 µs (a small model's inference) to 10 s (a big batch). */
    private static final double[] LATENCY_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
            0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram requestSeconds;
    private final Histogram inferenceSeconds;
    private final Gauge startupSeconds;

    ServerMetrics(ServedModel model, String ortVersion, DoubleSupplier inFlight, DoubleSupplier droppedLogEntries) {
        requests = Counter.builder().name("cairn_requests").help("HTTP requests answered, by endpoint and status")
                .labelNames("endpoint", "status").withoutExemplars().register(registry);
        requestSeconds = Histogram.builder().name("cairn_request_duration_seconds")
                .help("Time from a request's arrival to its answer, by endpoint").labelNames("endpoint")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
        inferenceSeconds = Histogram.builder().name("cairn_inference_duration_seconds")
                .help("Time ONNX Runtime spent in session.run").classicOnly().classicUpperBounds(LATENCY_BUCKETS)
                .withoutExemplars().register(registry);
        startupSeconds = Gauge.builder().name("cairn_startup_seconds")
                .help("Time from the JVM's start to the server being ready").register(registry);
        Info info = Info.builder().name("cairn_model").help("The model this server answers for")
                .labelNames("name", "version", "sha256", "onnxruntime", "cairn").register(registry);
        info.addLabelValues(model.name(), model.version(), model.sha256(), ortVersion, CairnVersion.current());
        // Gauges whose value lives elsewhere are read at scrape time, so the hot path never touches them.
        registry.register(GaugeWithCallback.builder()
                .name("cairn_requests_in_flight").help("Inference requests admitted and not yet answered")
                .callback(callback -> callback.call(inFlight.getAsDouble())).build());
        registry.register(CounterWithCallback.builder()
                .name("cairn_prediction_log_dropped").help("Prediction log entries dropped because the writer fell behind")
                .callback(callback -> callback.call(droppedLogEntries.getAsDouble())).build());
        JvmMetrics.builder().register(registry);
    }

    void request(String endpoint, int status, long nanos) {
        requests.labelValues(endpoint, Integer.toString(status)).inc();
        requestSeconds.labelValues(endpoint).observe(nanos / 1e9);
    }

    void inference(long nanos) {
        inferenceSeconds.observe(nanos / 1e9);
    }

    void startedIn(double seconds) {
        startupSeconds.set(seconds);
    }

    String contentType() {
        return writer.getContentType();
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
