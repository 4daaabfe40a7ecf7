package dev.cairn.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw HTTP to a running {@link MlflowServer} over a real socket, with the headers MLflow's Python client sends, and a
 * record of every request in order (so a replay test can say which step failed).
 */
final class MlflowWire {

    /** One answer: status, body as text, and as JSON when it is JSON. */
    record Answer(int status, String text, JsonNode json) {
        String errorCode() {
            return json == null ? "" : json.path("error_code").asText();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String authorization;
    private final List<String> sent = new ArrayList<>();

    MlflowWire(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    MlflowWire(URI base) {
        this(base, null);
    }

    /** Every request sent so far, as "METHOD path". */
    List<String> sent() {
        return List.copyOf(sent);
    }

    Answer send(String method, String pathAndQuery, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .header("User-Agent", "mlflow-python-client/3.7.0");
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return answer(request, method, pathAndQuery);
    }

    /** A file upload as the artifact proxy gets it (PUT with the bytes as body). */
    Answer put(String pathAndQuery, byte[] bytes) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("User-Agent", "mlflow-python-client/3.7.0");
        return answer(request, "PUT", pathAndQuery);
    }

    /** A download's bytes (fails on a status other than 200). */
    byte[] download(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        sent.add("GET " + pathAndQuery);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /**
     * Sends a request as bytes on a socket of its own, for what a well-behaved HTTP client will not send (a malformed
     * escape in the path); returns the status code.
     */
    int raw(String method, String rawPath, byte[] body) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String head = method + " " + rawPath + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            sent.add(method + " " + rawPath);
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    Answer get(String endpointAndQuery) throws IOException, InterruptedException {
        return send("GET", "/api/2.0/mlflow/" + endpointAndQuery, null);
    }

    Answer post(String endpoint, String jsonBody) throws IOException, InterruptedException {
        return send("POST", "/api/2.0/mlflow/" + endpoint, jsonBody);
    }

    /** POSTs and fails unless the answer is 200; returns its JSON. */
    JsonNode ok(String endpoint, String jsonBody) throws IOException, InterruptedException {
        return ok(post(endpoint, jsonBody), "POST " + endpoint);
    }

    /** GETs and fails unless the answer is 200; returns its JSON. */
    JsonNode okGet(String endpointAndQuery) throws IOException, InterruptedException {
        return ok(get(endpointAndQuery), "GET " + endpointAndQuery);
    }

    static JsonNode ok(Answer answer, String what) {
        if (answer.status() != 200) {
            throw new AssertionError(what + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.json();
    }

    private Answer answer(HttpRequest.Builder request, String method, String pathAndQuery)
            throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        sent.add(method + " " + pathAndQuery);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = MlflowServer.MAPPER.readTree(response.body());
        } catch (IOException e) {
            // not JSON (a download or a plain-text answer)
        }
        return new Answer(response.statusCode(), response.body(), json);
    }
}
