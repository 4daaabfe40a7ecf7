package dev.cairn.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.codec.OipJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real HTTP client for the server tests, plus a raw socket for requests that arrive slowly. */
final class HttpTestClient {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    HttpTestClient(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }

    /** True when nothing listens any more (the connection is refused). */
    boolean getOrRefused(String path) throws InterruptedException {
        try {
            get(path);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return OipJson.mapper().readTree(response.body());
    }

    /** A request sent in two parts: the headers and part of the body now, the rest on {@link #finish()}. */
    static final class SlowRequest implements AutoCloseable {
        private final Socket socket;
        private final byte[] rest;

        SlowRequest(URI base, String path, String body, int sentNow) throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(30_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, sentNow);
            out.flush();
            rest = java.util.Arrays.copyOfRange(bytes, sentNow, bytes.length);
        }

        /** Sends the rest and returns the response's status line and body. */
        String finish() throws IOException {
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        }

        /** Whether the server closed the connection (read returns end of stream) within the socket timeout. */
        boolean closedByServer(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            try {
                return socket.getInputStream().read() < 0;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException e) {
                return true; // reset
            }
        }

        private static String readResponse(InputStream in) throws IOException {
            StringBuilder text = new StringBuilder();
            int contentLength = -1;
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    String header = line.toString().trim();
                    text.append(header).append('\n');
                    if (header.isEmpty()) {
                        break;
                    }
                    if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Integer.parseInt(header.substring(15).trim());
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            if (contentLength > 0) {
                text.append(new String(in.readNBytes(contentLength), StandardCharsets.UTF_8));
            }
            return text.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
