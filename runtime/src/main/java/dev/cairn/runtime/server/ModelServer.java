package dev.cairn.runtime.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.runtime.model.InferenceCancelledException;
import dev.cairn.runtime.model.InferenceException;
import dev.cairn.runtime.model.ModelLoadException;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.UnsupportedTypeException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cairn's model server: one ONNX model behind the Open Inference Protocol (KServe V2) REST API, MLflow's scoring
 * protocol and Prometheus metrics, with an optional prediction log. It runs inside every deployed container and
 * behind {@code cairn serve}.
 *
 * <p>Built on the JDK's HTTP server: no dependency, keep-alive, and measured well above the targets for the models
 * we serve (see {@code ServeBenchmark}). Requests run on a pool sized for {@code maxInflight} plus a few threads
 * for health checks and scrapes; the {@link InferenceGate} decides who runs.
 */
public final class ModelServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY a keep-alive client waits on delayed ACKs: tens of ms per small response.
        setDefault("sun.net.httpserver.nodelay", "true");
    }

    /** Threads beyond --max-inflight: health checks, scrapes and slow clients still get one. */
    private static final int SPARE_THREADS = 64;

    private final HttpServer http;
    private final ExecutorService workers;
    private final ServedModel model;
    private final ServerContext context;
    private final OipEndpoints oip;
    private final ScoringEndpoints scoring;
    private final PrintStream log;
    private final AtomicInteger openExchanges = new AtomicInteger();
    private boolean closed;

    private ModelServer(HttpServer http, ExecutorService workers, ServedModel model, ServerContext context,
            PrintStream log) {
        this.http = http;
        this.workers = workers;
        this.model = model;
        this.context = context;
        this.oip = new OipEndpoints(model, context);
        this.scoring = new ScoringEndpoints(model, context);
        this.log = log;
    }

    /**
     * Starts serving a loaded model; the server owns it from here and closes it on {@link #close()}, or at once
     * when it cannot start.
     *
     * @param log where start-up, shutdown and internal errors are reported (stdout in a container)
     * @throws IOException when the address cannot be bound or the prediction log folder cannot be made
     */
    public static ModelServer start(ServedModel model, ServerOptions options, PrintStream log) throws IOException {
        // The JDK server reads its timeouts once per JVM, when the first server starts. A client that never reads its
        // answer is cut off after twice the request timeout, so it cannot hold a thread and a slot for ever.
        setDefault("sun.net.httpserver.maxReqTime", Long.toString(Math.max(1, options.requestTimeout().toSeconds())));
        setDefault("sun.net.httpserver.maxRspTime", Long.toString(Math.max(1, 2 * options.requestTimeout().toSeconds())));
        PredictionLog predictionLog = null;
        HttpServer http = null;
        try {
            String ortVersion = ModelRunner.ortVersion();
            if (options.logDir() != null) {
                predictionLog = PredictionLog.open(options.logDir(), PredictionLog.Settings.defaults());
            }
            InferenceGate gate = new InferenceGate(options.maxInflight(), options.inferenceThreads());
            PredictionLog finalLog = predictionLog;
            ServerMetrics metrics = new ServerMetrics(model, ortVersion, gate::inFlight,
                    () -> finalLog == null ? 0 : finalLog.dropped());
            ServerContext context = new ServerContext(options, gate, metrics, predictionLog);
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()), 1024);
            ExecutorService workers = workers(options.maxInflight() + SPARE_THREADS);
            ModelServer server = new ModelServer(http, workers, model, context, log);
            http.createContext("/", server::handle);
            http.setExecutor(workers);
            http.start();
            context.ready(true);
            return server;
        } catch (ModelLoadException e) {
            // The model is loaded, so ONNX Runtime's environment exists and cannot fail to load here.
            model.close();
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (http != null) {
                http.stop(0);
            }
            if (predictionLog != null) {
                predictionLog.close();
            }
            model.close(); // owned from the call on, so a failed start leaves nothing open
            throw e;
        }
    }

    private static ExecutorService workers(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "cairn-serve-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The port it listens on (the one picked when port 0 was asked for). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The address clients use, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String host = http.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : http.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** The model served. */
    public ServedModel model() {
        return model;
    }

    /** Whether it answers inference requests (false once shutdown has begun). */
    public boolean isReady() {
        return context.isReady();
    }

    /** Records how long start-up took, for the metrics. */
    public void startedIn(Duration duration) {
        context.metrics().startedIn(duration.toNanos() / 1e9);
    }

    private void handle(HttpExchange exchange) {
        Call call = new Call(exchange);
        openExchanges.incrementAndGet();
        try {
            route(call);
        } catch (HttpError e) {
            answer(call, e);
        } catch (InvalidInputException e) {
            answer(call, HttpError.badRequest(e.getMessage()));
        } catch (UnsupportedTypeException e) {
            answer(call, new HttpError(501, "NOT_IMPLEMENTED", e.getMessage()));
        } catch (InferenceCancelledException e) {
            answer(call, HttpError.unavailable("the inference was stopped because the server is shutting down"));
        } catch (InferenceException e) {
            answer(call, new HttpError(500, "INTERNAL_ERROR", e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            // The client went away or sent a broken stream; nothing useful can be answered.
            call.markBroken();
        } catch (RuntimeException e) {
            log.println("internal error answering " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI() + ": " + e);
            e.printStackTrace(log);
            answer(call, new HttpError(500, "INTERNAL_ERROR", "internal error: " + e));
        } finally {
            exchange.close();
            openExchanges.decrementAndGet();
            context.metrics().request(call.endpoint(), call.status(), System.nanoTime() - call.startNanos());
        }
    }

    private void route(Call call) throws IOException {
        String path = call.exchange().getRequestURI().getRawPath();
        if (path.equals("/v2") || path.startsWith("/v2/")) {
            oip.handle(call, path);
        } else if (path.equals("/metrics")) {
            call.endpoint("metrics", Call.ErrorShape.TEXT).requireMethod("GET");
            try (OutputStream out = call.stream(200, context.metrics().contentType())) {
                context.metrics().write(out);
            }
        } else if (!scoring.handle(call, path)) {
            throw HttpError.notFound("no such endpoint: " + call.method() + " " + path
                    + "; see /v2 (Open Inference Protocol), /invocations (MLflow) and /metrics");
        }
    }

    private void answer(Call call, HttpError error) {
        if (call.answered()) {
            return; // headers are out; the client sees a cut-off body
        }
        try {
            call.fail(error);
        } catch (IOException e) {
            call.markBroken();
        }
    }

    /**
     * Shuts down gracefully: stops admitting inference requests (503, readiness false), waits up to
     * {@code timeout} for those in flight to be answered, then stops listening and flushes the prediction log.
     *
     * @return whether every request in flight was answered within the timeout
     */
    public synchronized boolean drain(Duration timeout) throws InterruptedException {
        if (closed) {
            return true;
        }
        context.ready(false);
        context.gate().close("the server is shutting down");
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean idle = context.gate().awaitIdle(timeout);
        // Answers of admitted requests may still be on their way out; let them finish before the sockets close.
        while (idle && openExchanges.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        closed = true;
        http.stop(0);
        workers.shutdownNow();
        if (context.predictionLog() != null) {
            context.predictionLog().close();
        }
        model.close();
        return idle;
    }

    /** Drains with the configured timeout and frees everything. */
    @Override
    public void close() {
        try {
            drain(context.options().drainTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
