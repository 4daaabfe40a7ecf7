package dev.cairn.core.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a model server or router, as its clients reach it, whether it is ready: {@code GET /v2/health/ready}. */
public final class ReadyProbe {

    /** What the server said. */
    public enum Answer { READY, NOT_READY, UNREACHABLE }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** READY on 200, NOT_READY on any other status, UNREACHABLE when nothing answers within two seconds. */
    public Answer ask(String baseUrl) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? Answer.READY
                    : Answer.NOT_READY;
        } catch (IOException | IllegalArgumentException e) {
            return Answer.UNREACHABLE;
        }
    }
}
