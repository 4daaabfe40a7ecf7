package dev.cairn.runtime.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends a client's request on to an upstream. It uses {@link HttpURLConnection}, which is in {@code java.base}: the
 * small jlink'ed bases model images run on often leave out {@code java.net.http}. Its connection cache keeps
 * connections to each upstream alive between requests, so forwarding adds a local round trip and no handshake.
 */
final class RequestForwarder {

    static {
        // Idle keep-alive connections kept per upstream (the JDK keeps 5): enough for the concurrency a router sees.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
    }

    /** Hop-by-hop headers (RFC 9110 section 7.6.1) and those the connection sets itself. */
    static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "content-length", "host", "expect", "date");

    private final int timeoutMillis;

    RequestForwarder(Duration timeout) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** A request as it goes to an upstream: same method, path, query, body and end-to-end headers. */
    record Outgoing(Upstream upstream, String method, String pathAndQuery, Map<String, List<String>> headers,
                    byte[] body) {
    }

    /**
     * Sends it and reads the whole answer.
     *
     * @throws IOException when the upstream cannot be reached or breaks off its answer
     */
    Forwarded send(Outgoing request) throws IOException {
        URL url = new URL(request.upstream().url().toString().replaceAll("/+$", "") + request.pathAndQuery());
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(timeoutMillis);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(request.method());
        request.headers().forEach((name, values) -> {
            if (name != null && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> connection.addRequestProperty(name, value));
            }
        });
        if (request.body().length > 0) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(request.body().length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(request.body());
            }
        }
        int status = connection.getResponseCode();
        byte[] body;
        // Read to the end and close: only then does the connection go back to the keep-alive cache.
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                headers.put(name, values);
            }
        });
        return new Forwarded(status, headers, body);
    }
}
