package dev.cairn.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.router.RouteTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Talks to a router container's admin API: replaces its routes and reads what it saw of each upstream. */
final class RouterControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the router saw of one upstream. */
    record UpstreamView(long requests, long errors, long clientErrors, int inFlight, double p99Millis) {
    }

    private final URI admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    RouterControl(String adminUrl) {
        this.admin = URI.create(adminUrl);
    }

    RouteTable routes() throws InterruptedException {
        try {
            return JSON.readValue(send(HttpRequest.newBuilder(admin.resolve("/router/routes")).GET()), RouteTable.class);
        } catch (IOException e) {
            throw new DeployException("The router at " + admin + " sent an unreadable route table: " + e.getMessage(), e);
        }
    }

    void replace(RouteTable table) throws InterruptedException {
        try {
            send(HttpRequest.newBuilder(admin.resolve("/router/routes")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(table))));
        } catch (IOException e) {
            throw new DeployException("Cannot write the route table: " + e.getMessage(), e);
        }
    }

    Map<String, UpstreamView> stats() throws InterruptedException {
        try {
            JsonNode upstreams = JSON.readTree(send(HttpRequest.newBuilder(admin.resolve("/router/stats")).GET()))
                    .path("upstreams");
            Map<String, UpstreamView> views = new LinkedHashMap<>();
            upstreams.fields().forEachRemaining(e -> views.put(e.getKey(), new UpstreamView(
                    e.getValue().path("requests").asLong(), e.getValue().path("errors").asLong(),
                    e.getValue().path("clientErrors").asLong(), e.getValue().path("inFlight").asInt(),
                    e.getValue().path("p99Millis").asDouble())));
            return views;
        } catch (IOException e) {
            throw new DeployException("The router at " + admin + " sent unreadable stats: " + e.getMessage(), e);
        }
    }

    /** Waits until nothing the router forwarded to {@code upstream} is still being answered, or {@code timeout}. */
    void awaitDrained(String upstream, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            UpstreamView view = stats().get(upstream);
            if (view == null || view.inFlight() == 0) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private byte[] send(HttpRequest.Builder request) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new DeployException("The router at " + admin + " refused: HTTP " + response.statusCode() + " "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new DeployException("Cannot reach the router's admin API at " + admin + ": " + e.getMessage(), e);
        }
    }
}
