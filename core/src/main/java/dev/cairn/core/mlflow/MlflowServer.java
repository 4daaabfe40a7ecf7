package dev.cairn.core.mlflow;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.registry.ModelRegistry;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.runtime.CairnVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves MLflow's REST API (tracking endpoints and the artifact proxy) over a workspace, on the JDK's
 * HTTP server. Request bodies are bounded, a bearer token can be required, and every error is answered
 * in MLflow's JSON shape with MLflow's HTTP status, so MLflow's own clients behave as against MLflow.
 */
public final class MlflowServer implements AutoCloseable {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Metric values are most of a log-batch; the JDK's decimal parser was its largest cost.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            // A body is one JSON value: anything after it is a client's mistake, refused rather than ignored.
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Logger LOG = LoggerFactory.getLogger(MlflowServer.class);

    static {
        // The JDK server leaves Nagle's algorithm on; with the clients' delayed ACKs every small answer then
        // waits ~40 ms. Read once, when the JDK's server classes first load, so it must be set before that.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final List<String> API_PREFIXES = List.of("/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/");
    /** The artifact proxy, under the REST prefix and the web UI's. */
    private static final List<String> ARTIFACT_PREFIXES = List.of("/api/2.0/mlflow-artifacts/",
            "/ajax-api/2.0/mlflow-artifacts/");
    private static final java.util.regex.Pattern MPU = java.util.regex.Pattern.compile("mpu/(create|complete|abort)(/.*)?");
    private static final java.util.regex.Pattern LOGGED_MODEL_FILE = java.util.regex.Pattern.compile(
            "logged-models/([^/]+)/artifacts/files");
    private static final int MAX_LOG_BATCH_BYTES = 1_000_000;

    /**
     * How to serve.
     *
     * @param token           bearer token every request must carry, or null for none
     * @param maxRequestBytes largest JSON request body accepted
     * @param maxArtifactBytes largest artifact upload accepted
     */
    public record Options(String host, int port, String token, long maxRequestBytes, long maxArtifactBytes, int threads) {

        public Options {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("The token must not be empty (null serves without one)");
            }
        }

        /** Loopback, port 5000, no token, 32 MB requests, 1 GiB artifacts, 16 threads. */
        public static Options defaults() {
            return new Options("127.0.0.1", 5000, null, 32L << 20, 1L << 30, 16);
        }

        public Options withAddress(String newHost, int newPort) {
            return new Options(newHost, newPort, token, maxRequestBytes, maxArtifactBytes, threads);
        }

        public Options withToken(String newToken) {
            return new Options(host, port, newToken, maxRequestBytes, maxArtifactBytes, threads);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final Options options;
    private final Map<String, Map<String, Endpoint>> routes = new HashMap<>();
    private final ArtifactProxy artifacts;
    private final MultipartUploads uploads;
    private final ArtifactDownloads downloads;
    private final LoggedModelApi loggedModels;

    private MlflowServer(HttpServer server, ExecutorService workers, Options options, TrackingServices tracking,
                         ModelRegistry registry) {
        this.server = server;
        this.workers = workers;
        this.options = options;
        MlflowJson json = new MlflowJson(MAPPER);
        new TrackingApi(tracking, json).register(routes);
        new RegistryApi(registry, tracking.loggedModels(), json).register(routes);
        this.artifacts = new ArtifactProxy(tracking.artifacts(), json, options.maxArtifactBytes());
        this.uploads = new MultipartUploads(tracking.artifacts(), options.maxArtifactBytes(), json);
        this.downloads = new ArtifactDownloads(tracking, registry);
        this.loggedModels = new LoggedModelApi(tracking.loggedModels(), tracking.artifacts(), json);
    }

    /**
     * Starts serving; returns once the socket is bound.
     *
     * @throws CairnException if the address is taken or cannot be bound
     */
    public static MlflowServer start(TrackingServices tracking, ModelRegistry registry, Options options) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 128);
        } catch (IOException e) {
            throw new CairnException("Cannot serve on " + options.host() + ":" + options.port() + " (" + e.getMessage()
                    + "). Is another server using that port? Choose another with --port.", e);
        }
        ExecutorService workers = Executors.newFixedThreadPool(options.threads(), new WorkerThreads());
        MlflowServer server = new MlflowServer(http, workers, options, tracking, registry);
        http.setExecutor(workers);
        http.createContext("/", server::handle);
        http.start();
        LOG.info("MLflow API serving on {}", server.uri());
        return server;
    }

    /** A fresh random bearer token (256 bits, URL-safe base64). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code host} names only this machine (loopback), so no token is needed by default. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** The base URI clients use as {@code MLFLOW_TRACKING_URI}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("MLflow API stopped");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/health")) {
                reply(exchange, 200, "text/plain", "OK".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/version")) {
                reply(exchange, 200, "text/plain", CairnVersion.current().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.startsWith(MultipartUploads.PARTS_PATH)) {
                uploads.receivePart(exchange, path.substring(MultipartUploads.PARTS_PATH.length())); // id = token
                return;
            }
            checkToken(exchange);
            String artifactPath = ARTIFACT_PREFIXES.stream().filter(path::startsWith).findFirst()
                    .map(prefix -> path.substring(prefix.length())).orElse(null);
            if (artifactPath != null && (artifactPath.equals("artifacts") || artifactPath.startsWith("artifacts/"))) {
                artifacts.handle(exchange, artifactPath.substring("artifacts".length()));
                return;
            }
            java.util.regex.Matcher mpu = artifactPath == null ? null : MPU.matcher(artifactPath);
            if (mpu != null && mpu.matches() && exchange.getRequestMethod().equals("POST")) {
                String dir = mpu.group(2) == null ? "" : PercentDecoding.decode(mpu.group(2).substring(1), false);
                replyJson(exchange, 200, uploads.handle(exchange, mpu.group(1), dir.replaceAll("/+$", ""),
                        new ApiRequest(readBody(exchange, options.maxRequestBytes()), Map.of())));
                return;
            }
            if (download(exchange, path)) {
                return;
            }
            replyJson(exchange, 200, call(exchange, path));
        } catch (ApiException e) {
            replyError(exchange, e.status(), e.errorCode(), e.getMessage());
        } catch (TrackingException e) {
            replyError(exchange, statusOf(e.kind()), codeOf(e.kind()), e.getMessage());
        } catch (CairnException e) {
            LOG.warn("Request {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
            replyError(exchange, 500, "INTERNAL_ERROR", e.getMessage());
        } catch (Exception e) {
            LOG.error("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            replyError(exchange, 500, "INTERNAL_ERROR", "Internal error: " + e);
        } finally {
            exchange.close(); // after the error reply: closing first would send nothing
        }
    }

    /** The web UI's file routes (ArtifactDownloads); false when {@code path} is none of them. */
    private boolean download(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            return false;
        }
        String name = API_PREFIXES.stream().filter(path::startsWith).findFirst()
                .map(prefix -> path.substring(prefix.length())).orElse("");
        java.util.regex.Matcher file = LOGGED_MODEL_FILE.matcher(name);
        if (!path.equals("/get-artifact") && !path.equals("/model-versions/get-artifact") && !file.matches()) {
            return false;
        }
        Map<String, List<String>> query = PercentDecoding.query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/get-artifact")) {
            downloads.runFile(exchange, query);
        } else if (path.equals("/model-versions/get-artifact")) {
            downloads.versionFile(exchange, query);
        } else {
            downloads.loggedModelFile(exchange, PercentDecoding.decode(file.group(1), false), query);
        }
        return true;
    }

    private JsonNode call(HttpExchange exchange, String path) throws Exception {
        String method = exchange.getRequestMethod();
        if (path.equals("/api/3.0/mlflow/server-info") || path.equals("/ajax-api/3.0/mlflow/server-info")) {
            // What MLflow 3's server answers; its client reads store_type (telemetry) and workspaces_enabled.
            return MAPPER.createObjectNode().put("store_type", "SqlStore").put("workspaces_enabled", false);
        }
        String name = API_PREFIXES.stream().filter(path::startsWith).findFirst()
                .map(prefix -> path.substring(prefix.length())).orElse(null);
        if (name != null && (name.equals("logged-models") || name.startsWith("logged-models/"))) {
            byte[] body = readBody(exchange, options.maxRequestBytes());
            return loggedModels.handle(method, name.substring("logged-models".length()), new ApiRequest(body,
                    PercentDecoding.query(exchange.getRequestURI().getRawQuery())));
        }
        Map<String, Endpoint> byMethod = name == null ? null : routes.get(name);
        if (byMethod == null) {
            throw new ApiException("ENDPOINT_NOT_FOUND", 404, "No API endpoint at " + path);
        }
        Endpoint endpoint = byMethod.get(method);
        if (endpoint == null) {
            throw new ApiException("BAD_REQUEST", 405, "Method " + method + " is not allowed for " + path
                    + "; use " + String.join(" or ", byMethod.keySet()));
        }
        byte[] body = readBody(exchange, options.maxRequestBytes());
        if (name.equals("runs/log-batch") && body.length > MAX_LOG_BATCH_BYTES) {
            throw ApiException.invalid("Batched logging API requests must be at most " + MAX_LOG_BATCH_BYTES
                    + " bytes, got a request of " + body.length + " bytes");
        }
        return endpoint.handle(new ApiRequest(body, PercentDecoding.query(exchange.getRequestURI().getRawQuery())));
    }

    /**
     * With a token, every request carries it: as MLflow's client sends {@code MLFLOW_TRACKING_TOKEN} (bearer), or as
     * the password of HTTP basic auth ({@code MLFLOW_TRACKING_USERNAME} any name, {@code MLFLOW_TRACKING_PASSWORD} the
     * token), which is what clients and proxies that only know basic auth send.
     */
    private void checkToken(HttpExchange exchange) {
        if (options.token() == null) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !(matches(header, "Bearer ", options.token()) || basicPasswordMatches(header))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Cairn\", charset=\"UTF-8\"");
            throw new ApiException("UNAUTHENTICATED", 401, "This server needs a token: set MLFLOW_TRACKING_TOKEN to the "
                    + "token Cairn showed when it started (or MLFLOW_TRACKING_USERNAME to any name and "
                    + "MLFLOW_TRACKING_PASSWORD to the token).");
        }
    }

    private static boolean matches(String header, String scheme, String token) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length()) && MessageDigest.isEqual(
                header.substring(scheme.length()).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private boolean basicPasswordMatches(String header) {
        String scheme = "Basic ";
        if (!header.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(java.util.Base64.getDecoder().decode(header.substring(scheme.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        return colon >= 0 && MessageDigest.isEqual(credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                options.token().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the whole body, refusing one larger than {@code limit} without reading it all. */
    static byte[] readBody(HttpExchange exchange, long limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("Invalid Content-Length " + declared);
            }
            if (length > limit) {
                discardRefusedBody(exchange);
                throw tooLarge(limit);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            // With a declared length, read exactly that much into one array; chunked bodies read up to the limit.
            byte[] body = in.readNBytes((int) (length >= 0 ? length : Math.min(limit + 1, Integer.MAX_VALUE - 8)));
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            // A malformed chunked encoding, or a body cut short: the client's mistake, answered (if it still listens).
            throw new ApiException("MALFORMED_REQUEST", 400, "Could not read the request body: " + e.getMessage());
        }
    }

    /** The most of a refused body read and dropped; past it the connection is cut. */
    private static final long MAX_DISCARDED_BYTES = 16L << 20;

    /**
     * Reads and drops what is left of a refused body (up to 16 MB) so the client, still sending it, gets the error
     * answer rather than a reset connection; a bigger one is cut off. Every refusal before a body is read uses it.
     */
    static void discardRefusedBody(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            if (declared != null && Long.parseLong(declared.trim()) > MAX_DISCARDED_BYTES) {
                return;
            }
        } catch (NumberFormatException e) {
            return; // a length that does not parse: nothing sensible to read
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[1 << 16];
            long left = MAX_DISCARDED_BYTES;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away or sent a broken body: the answer is written all the same
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException("RESOURCE_EXHAUSTED", 413, "The request body is larger than the limit of " + limit + " bytes");
    }

    static void replyJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
        reply(exchange, status, "application/json", MAPPER.writeValueAsBytes(json));
    }

    static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void replyError(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return; // the answer had already begun (a download that failed half-way); the client sees a cut stream
        }
        replyJson(exchange, status, MAPPER.createObjectNode().put("error_code", code).put("message", message));
    }

    private static int statusOf(TrackingException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, INVALID_PARAMETER -> 400;
            case INVALID_STATE -> 500;
        };
    }

    private static String codeOf(TrackingException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> "RESOURCE_DOES_NOT_EXIST";
            case ALREADY_EXISTS -> "RESOURCE_ALREADY_EXISTS";
            case INVALID_PARAMETER -> "INVALID_PARAMETER_VALUE";
            case INVALID_STATE -> "INVALID_STATE";
        };
    }

    /** Daemon worker threads with readable names. */
    private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "mlflow-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
