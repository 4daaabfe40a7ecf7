package dev.cairn.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cairn.runtime.codec.MlflowScoring;
import dev.cairn.runtime.codec.OipJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP exchange as the server's endpoints see it: reads the body within the size limit, answers JSON or text,
 * and remembers the endpoint and status for the metrics. Errors are written in the shape of the protocol the
 * endpoint belongs to: {@code {"error": ...}} for the Open Inference Protocol, {@code {"error_code", "message"}}
 * for MLflow's scoring protocol.
 */
final class Call {

    /** Which protocol's error body an endpoint writes. */
    enum ErrorShape { OIP, MLFLOW, TEXT }

    private final HttpExchange exchange;
    private final long startNanos = System.nanoTime();
    private String endpoint = "other";
    private ErrorShape errorShape = ErrorShape.OIP;
    private int status;

    Call(HttpExchange exchange) {
        this.exchange = exchange;
    }

    /** When the request reached a handler, for latency figures. */
    long startNanos() {
        return startNanos;
    }

    HttpExchange exchange() {
        return exchange;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Names the endpoint (a metrics label) and the error shape it answers with. */
    Call endpoint(String name, ErrorShape shape) {
        this.endpoint = name;
        this.errorShape = shape;
        return this;
    }

    String endpoint() {
        return endpoint;
    }

    int status() {
        return status;
    }

    boolean answered() {
        return status != 0;
    }

    /** Records that nothing could be answered (the client went away); 499 as nginx counts it. */
    void markBroken() {
        if (status == 0) {
            status = 499;
        }
    }

    void requireMethod(String expected) {
        if (!expected.equals(method())) {
            exchange.getResponseHeaders().set("Allow", expected);
            throw new HttpError(405, "BAD_REQUEST", method() + " is not allowed here; use " + expected);
        }
    }

    /**
     * Reads the whole body, refusing more than {@code maxBytes}: a declared length over the limit is refused before
     * reading anything, a chunked body as soon as it passes the limit.
     */
    byte[] body(long maxBytes) throws IOException {
        String declared = header("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Content-Length '" + declared + "' is not a number");
            }
            if (length > maxBytes) {
                throw tooLarge(length + " bytes", maxBytes);
            }
        }
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit);
            if (body.length == limit && in.read() >= 0) {
                throw tooLarge("more than " + limit + " bytes", maxBytes);
            }
            return body;
        }
    }

    private static HttpError tooLarge(String size, long maxBytes) {
        return new HttpError(413, "RESOURCE_EXHAUSTED", "request body is " + size + "; this server accepts at most "
                + maxBytes + " bytes (--max-body)");
    }

    void json(int code, JsonNode body) throws IOException {
        send(code, "application/json", OipJson.mapper().writeValueAsBytes(body));
    }

    void text(int code, String contentType, String body) throws IOException {
        send(code, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with an empty body; the status is the answer (health checks). */
    void empty(int code) throws IOException {
        status = code;
        exchange.sendResponseHeaders(code, -1);
    }

    /** Starts a streamed answer of unknown length; the caller writes the body and closes the stream. */
    OutputStream stream(int code, String contentType) throws IOException {
        status = code;
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, 0);
        return exchange.getResponseBody();
    }

    void fail(HttpError error) throws IOException {
        if (error.status() == 413) {
            // The rest of an oversized body is never read; the connection cannot be reused.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        if (error.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        switch (errorShape) {
            case OIP -> json(error.status(), OipJson.mapper().createObjectNode().put("error", error.getMessage()));
            case MLFLOW -> json(error.status(), MlflowScoring.error(error.mlflowCode(), error.getMessage()));
            case TEXT -> text(error.status(), "text/plain; charset=utf-8", error.getMessage() + "\n");
        }
    }

    private void send(int code, String contentType, byte[] bytes) throws IOException {
        status = code;
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
