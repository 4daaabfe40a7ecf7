package dev.cairn.runtime.router;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a client's request on to an upstream over one shared JDK HTTP client, whose connections are kept alive
 * between requests, so forwarding adds a local round trip and no handshake.
 */
final class RequestForwarder {

    /** Hop-by-hop headers (RFC 9110 section 7.6.1) and those the JDK client sets itself and refuses from callers. */
    static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "content-length", "host", "expect", "date");

    private final HttpClient client;
    private final Duration timeout;

    RequestForwarder(Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.timeout = timeout;
    }

    /** The request as it goes to {@code upstream}: same method, path, query, body and end-to-end headers. */
    HttpRequest request(Upstream upstream, String method, String pathAndQuery, Map<String, List<String>> headers,
                        byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(upstream.url().toString()
                .replaceAll("/+$", "") + pathAndQuery)).timeout(timeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    Forwarded send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Forwarded(response.statusCode(), response.headers(), response.body());
    }

    CompletableFuture<Forwarded> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new Forwarded(response.statusCode(), response.headers(), response.body()));
    }
}
