package dev.cairn.app.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a deployed model server whether it is ready, and how long it took to say so. */
final class DeploymentProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** The answer: ready or not, and the round trip in milliseconds (NaN when nothing answered). */
    record Health(boolean ready, double millis) {
    }

    /** GET {url}/v2/health/ready, with a one-second limit: a dashboard must not hang on a dead host. */
    Health probe(String url) {
        if (url == null || url.isBlank()) {
            return new Health(false, Double.NaN);
        }
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/v2/health/ready"))
                    .timeout(TIMEOUT).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Health(status == 200, (System.nanoTime() - start) / 1e6);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return new Health(false, Double.NaN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(false, Double.NaN);
        }
    }
}
