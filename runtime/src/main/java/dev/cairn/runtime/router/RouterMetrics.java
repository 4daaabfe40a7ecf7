package dev.cairn.runtime.router;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/** The router's Prometheus metrics, per upstream, read from its stats at scrape time so forwarding never waits. */
final class RouterMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    RouterMetrics(Supplier<Map<String, UpstreamStats>> upstreams, ShadowStats shadow) {
        registry.register(CounterWithCallback.builder().name("cairn_router_requests")
                .help("Requests the router forwarded, by upstream").labelNames("upstream")
                .callback(callback -> upstreams.get().forEach((name, stats) -> callback.call(stats.requests(), name)))
                .build());
        registry.register(CounterWithCallback.builder().name("cairn_router_errors")
                .help("Forwarded requests answered with 5xx or not at all, by upstream").labelNames("upstream")
                .callback(callback -> upstreams.get().forEach((name, stats) -> callback.call(stats.errors(), name)))
                .build());
        registry.register(GaugeWithCallback.builder().name("cairn_router_in_flight")
                .help("Requests forwarded and not yet answered, by upstream").labelNames("upstream")
                .callback(callback -> upstreams.get().forEach((name, stats) -> callback.call(stats.inFlight(), name)))
                .build());
        registry.register(GaugeWithCallback.builder().name("cairn_router_latency_p99_seconds")
                .help("P99 latency of the upstream's last " + UpstreamStats.WINDOW + " answers").labelNames("upstream")
                .callback(callback -> upstreams.get().forEach((name, stats) ->
                        callback.call(stats.latencyMillis(0.99) / 1000, name)))
                .build());
        registry.register(CounterWithCallback.builder().name("cairn_router_shadow_comparisons")
                .help("Mirrored requests by how the shadow's answer compared with the primary's").labelNames("result")
                .callback(callback -> {
                    callback.call(shadow.same(), "same");
                    callback.call(shadow.different(), "different");
                    callback.call(shadow.failures(), "failed");
                })
                .build());
    }

    String contentType() {
        return writer.getContentType();
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
