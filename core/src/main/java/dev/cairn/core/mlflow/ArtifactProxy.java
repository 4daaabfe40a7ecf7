package dev.cairn.core.mlflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cairn.core.tracking.ArtifactStore;
import dev.cairn.core.tracking.TrackingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * MLflow's artifact proxy ({@code /api/2.0/mlflow-artifacts/artifacts/<path>}): PUT uploads, GET downloads
 * or lists, DELETE removes. Paths are decoded once and confined to the artifact root by {@link ArtifactStore}.
 */
final class ArtifactProxy {

    private final ArtifactStore store;
    private final MlflowJson json;
    private final long maxArtifactBytes;

    ArtifactProxy(ArtifactStore store, MlflowJson json, long maxArtifactBytes) {
        this.store = store;
        this.json = json;
        this.maxArtifactBytes = maxArtifactBytes;
    }

    /** @param rawSuffix the raw (still encoded) path after {@code .../artifacts}, empty or starting with '/' */
    void handle(HttpExchange exchange, String rawSuffix) throws IOException {
        String relative = PercentDecoding.decode(rawSuffix.startsWith("/") ? rawSuffix.substring(1) : rawSuffix, false);
        String method = exchange.getRequestMethod();
        if (relative.isEmpty()) {
            if (!method.equals("GET")) {
                throw new ApiException("BAD_REQUEST", 405, "Only GET (listing) is allowed on the artifact root");
            }
            Map<String, List<String>> query = PercentDecoding.query(exchange.getRequestURI().getRawQuery());
            String dir = query.getOrDefault("path", List.of("")).get(0);
            list(exchange, dir);
            return;
        }
        switch (method) {
            case "GET" -> download(exchange, relative);
            case "PUT", "POST" -> {
                try (InputStream body = exchange.getRequestBody()) {
                    try {
                        store.write(relative, body, maxArtifactBytes);
                    } catch (TrackingException refused) {
                        MlflowServer.discardRefusedBody(exchange); // the client reads the answer, not a reset
                        throw refused;
                    }
                }
                MlflowServer.replyJson(exchange, 200, json.object());
            }
            case "DELETE" -> {
                store.delete(relative);
                MlflowServer.replyJson(exchange, 200, json.object());
            }
            default -> throw new ApiException("BAD_REQUEST", 405, "Method " + method + " is not allowed on artifacts");
        }
    }

    private void list(HttpExchange exchange, String dir) throws IOException {
        Path folder = store.resolve(dir);
        ObjectNode answer = json.object();
        answer.set("files", json.files(store.list(dir, folder)));
        MlflowServer.replyJson(exchange, 200, answer);
    }

    private void download(HttpExchange exchange, String relative) throws IOException {
        Path file = store.resolve(relative);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            list(exchange, relative);
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw TrackingException.notFound("No artifact at '" + relative + "'");
        }
        sendFile(exchange, file);
    }

    /** Text files MLflow serves as text/plain (mlflow/utils/mime_type_utils.py); others by their type, or bytes. */
    private static final java.util.Set<String> TEXT_EXTENSIONS = java.util.Set.of("txt", "log", "err", "cfg", "conf",
            "cnf", "cf", "ini", "properties", "prop", "hocon", "toml", "yaml", "yml", "xml", "json", "js", "py", "py3",
            "csv", "tsv", "md", "rst");

    /** Streams a file as MLflow's server does: its type, as an attachment named for it, and no sniffing. */
    static void sendFile(HttpExchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        String type = TEXT_EXTENSIONS.contains(extension) || name.equals("MLmodel") || name.equals("MLproject")
                ? "text/plain" : java.net.URLConnection.guessContentTypeFromName(name);
        exchange.getResponseHeaders().set("Content-Type", type != null ? type : "application/octet-stream");
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\""
                + name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_") + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        long size = Files.size(file);
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size); // 0 would mean "chunked" to the JDK server
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }
}
