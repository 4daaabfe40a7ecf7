package dev.cairn.runtime.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime in router mode: it holds a deployment's public port and forwards Open Inference Protocol and MLflow
 * requests to model servers by a {@link RouteTable} that can be replaced while it runs, so a new version takes the
 * traffic without the port changing hands (blue-green), gets a share of it (canary), a mirror of it (shadow) or the
 * callers a header picks (A/B). What it sees of each upstream is at {@code /metrics} and, for Cairn's gates, on the
 * admin port.
 */
public final class Router implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer publicServer;
    private final HttpServer adminServer;
    private final ExecutorService workers;
    /** Mirrored requests wait here, at most a thousand, on a few threads of their own. */
    private final ThreadPoolExecutor mirrors = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), daemonThreads());
    private final RequestForwarder forwarder;
    private final long maxBody;
    private final PrintStream log;
    private final AtomicInteger openExchanges = new AtomicInteger();
    private final Map<String, UpstreamStats> stats = new ConcurrentHashMap<>();
    private final ShadowStats shadowStats = new ShadowStats();
    private final RouterMetrics metrics = new RouterMetrics(() -> stats, shadowStats);
    private volatile RouteTable routes;

    private Router(HttpServer publicServer, HttpServer adminServer, RouteTable routes, Duration timeout, long maxBody,
                   PrintStream log) {
        this.publicServer = publicServer;
        this.adminServer = adminServer;
        this.workers = Executors.newCachedThreadPool(daemonThreads());
        this.forwarder = new RequestForwarder(timeout);
        this.maxBody = maxBody;
        this.log = log;
        replaceRoutes(routes);
    }

    /**
     * Starts routing on {@code host:port}, with the admin API ({@code /router/routes}, {@code /router/stats}) on
     * {@code host:adminPort}.
     *
     * @throws IOException when either address cannot be bound
     */
    public static Router start(String host, int port, int adminPort, RouteTable routes, Duration timeout, long maxBody,
                               PrintStream log) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        HttpServer publicServer = HttpServer.create(new InetSocketAddress(address, port), 1024);
        HttpServer adminServer;
        try {
            adminServer = HttpServer.create(new InetSocketAddress(address, adminPort), 16);
        } catch (IOException e) {
            publicServer.stop(0);
            throw e;
        }
        Router router = new Router(publicServer, adminServer, routes, timeout, maxBody, log);
        publicServer.createContext("/", router::forward);
        publicServer.setExecutor(router.workers);
        adminServer.createContext("/", new RouterAdmin(router)::handle);
        adminServer.setExecutor(router.workers);
        publicServer.start();
        adminServer.start();
        return router;
    }

    public int port() {
        return publicServer.getAddress().getPort();
    }

    public int adminPort() {
        return adminServer.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public RouteTable routes() {
        return routes;
    }

    /**
     * Sends new requests by {@code table} from now on; requests already forwarded finish where they went. An upstream
     * whose address changed starts with fresh stats.
     */
    public synchronized void replaceRoutes(RouteTable table) {
        for (Upstream upstream : table.upstreams()) {
            boolean moved = routes != null && routes.upstream(upstream.name())
                    .map(old -> !old.url().equals(upstream.url())).orElse(false);
            if (moved) {
                stats.put(upstream.name(), new UpstreamStats());
            } else {
                stats.computeIfAbsent(upstream.name(), name -> new UpstreamStats());
            }
        }
        routes = table;
        log.println("cairn-router routes: " + describe(table));
        log.flush();
    }

    /** What the router saw of each upstream it has forwarded to, by name. */
    public Map<String, UpstreamStats> stats() {
        return Map.copyOf(stats);
    }

    public ShadowStats shadowStats() {
        return shadowStats;
    }

    RouterMetrics metrics() {
        return metrics;
    }

    private void forward(HttpExchange exchange) {
        openExchanges.incrementAndGet();
        try (exchange) {
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            if (exchange.getRequestURI().getRawPath().equals("/metrics")) {
                answerMetrics(exchange);
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                return;
            }
            RouteTable table = routes;
            Upstream upstream = table.choose(exchange.getRequestHeaders().getFirst(RouteTable.VARIANT_HEADER),
                    table.stickyHeader() == null ? null : exchange.getRequestHeaders().getFirst(table.stickyHeader()));
            RequestForwarder.Outgoing request = new RequestForwarder.Outgoing(upstream, exchange.getRequestMethod(),
                    pathAndQuery, Map.copyOf(exchange.getRequestHeaders()), body);
            UpstreamStats upstreamStats = stats.get(upstream.name());
            upstreamStats.started();
            long start = System.nanoTime();
            Forwarded answer;
            try {
                answer = forwarder.send(request);
            } catch (IOException e) {
                upstreamStats.finished(System.nanoTime() - start, -1);
                answer(exchange, 502, ("{\"error\":\"upstream " + upstream.name() + " did not answer: "
                        + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            upstreamStats.finished(System.nanoTime() - start, answer.status());
            if (table.shadow() != null) {
                mirror(table, request, answer);
            }
            answer.headers().forEach((name, values) -> {
                if (!RequestForwarder.NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            answer(exchange, answer.status(), answer.body());
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            openExchanges.decrementAndGet();
        }
    }

    /** Sends a copy to the shadow after the primary answered; the client never waits for it. */
    private void mirror(RouteTable table, RequestForwarder.Outgoing request, Forwarded primary) {
        Upstream shadow = table.upstream(table.shadow()).orElseThrow();
        UpstreamStats shadowUpstream = stats.get(shadow.name());
        shadowUpstream.started();
        long start = System.nanoTime();
        try {
            mirrors.execute(() -> {
                try {
                    Forwarded copy = forwarder.send(new RequestForwarder.Outgoing(shadow, request.method(),
                            request.pathAndQuery(), request.headers(), request.body()));
                    shadowUpstream.finished(System.nanoTime() - start, copy.status());
                    shadowStats.compare(primary.status(), primary.body(), copy.status(), copy.body());
                } catch (IOException e) {
                    shadowUpstream.finished(System.nanoTime() - start, -1);
                    shadowStats.failed();
                }
            });
        } catch (RejectedExecutionException e) {
            // The mirror queue is full: the shadow falls behind, the clients must not.
            shadowUpstream.finished(System.nanoTime() - start, -1);
            shadowStats.failed();
        }
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            if (body.length > maxBody) {
                answer(exchange, 413, ("{\"error\":\"the request body is over " + maxBody + " bytes\"}")
                        .getBytes(StandardCharsets.UTF_8));
                return null;
            }
            return body;
        }
    }

    private void answerMetrics(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", metrics.contentType());
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            metrics.write(out);
        }
    }

    static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The stats as JSON for the admin API: what Cairn's canary gate reads. */
    ObjectNode statsJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode upstreams = root.putObject("upstreams");
        Map<String, UpstreamStats> sorted = new LinkedHashMap<>();
        stats.keySet().stream().sorted().forEach(name -> sorted.put(name, stats.get(name)));
        sorted.forEach((name, s) -> upstreams.putObject(name).put("requests", s.requests()).put("errors", s.errors())
                .put("clientErrors", s.clientErrors())
                .put("inFlight", s.inFlight()).put("p50Millis", s.latencyMillis(0.5))
                .put("p99Millis", s.latencyMillis(0.99)));
        root.putObject("shadow").put("same", shadowStats.same()).put("different", shadowStats.different())
                .put("failed", shadowStats.failures());
        return root;
    }

    private static String describe(RouteTable table) {
        StringBuilder text = new StringBuilder();
        table.upstreams().forEach(u -> text.append(u.name()).append('=').append(u.url()).append(" weight ")
                .append(u.weight()).append("; "));
        if (table.shadow() != null) {
            text.append("shadow ").append(table.shadow()).append("; ");
        }
        if (table.stickyHeader() != null) {
            text.append("sticky by ").append(table.stickyHeader());
        }
        return text.toString().replaceAll("; $", "");
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "cairn-router-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops once the requests being forwarded are answered or {@code grace} has passed. (The JDK server's own
     * stop delay is waited in full on Java 17 even when nothing is in flight, so the router counts for itself.)
     */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (openExchanges.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        adminServer.stop(0);
        publicServer.stop(0);
        workers.shutdownNow();
        mirrors.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
