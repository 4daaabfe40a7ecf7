package dev.cairn.app.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a deployment's URL whether it is ready, as its clients would reach it; off the JavaFX thread only. */
final class HealthCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** "ready", "not ready" (it answers, but not 200) or "unreachable". */
    String check(String baseUrl) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? "ready"
                    : "not ready";
        } catch (IOException | IllegalArgumentException e) {
            return "unreachable";
        }
    }
}
