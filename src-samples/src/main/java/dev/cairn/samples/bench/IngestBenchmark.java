package dev.cairn.samples.bench;

import dev.cairn.core.mlflow.MlflowServer;
import dev.cairn.core.registry.ModelRegistry;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Metric ingest, measured in one run on one fresh workspace: MLflow {@code runs/log-batch} over real HTTP
 * (1000 points a batch, several clients), the service under it, and raw JDBC inserts of the same points
 * into the same tables (one packed metric_chunk row per batch, as the store keeps them, and the latest
 * value), commit per batch. Prints
 * points/s for each and the REST/raw ratio.
 *
 * <p>Run: {@code java -cp src-samples/target/cairn-samples.jar dev.cairn.samples.bench.IngestBenchmark [seconds] [clients] [rest-only]}
 */
public final class IngestBenchmark {

    private static final int BATCH = 1000;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        boolean restOnly = args.length > 2 && args[2].equals("rest-only"); // for profiling the REST path alone
        PrintStream out = System.out;
        Path home = ScratchWorkspace.create("cairn-ingest-bench");
        try (Workspace workspace = Workspace.open(home)) {
            TrackingServices tracking = TrackingServices.of(workspace);
            ModelRegistry registry = RegistryServices.of(workspace, tracking).registry();
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Run run = tracking.runs().create("0", "bench", "bench-" + i, null, Map.of());
                runs.add(run.info().runId());
            }
            out.printf(Locale.ROOT, "Ingest benchmark: %d s per phase, %d clients, %d points per batch, workspace %s%n",
                    seconds, clients, BATCH, home);
            // Warm every path first (JIT, connections, H2 caches), so no phase profits from another's warm-up.
            rest(tracking, registry, runs, seconds / 2.0, clients);
            if (!restOnly) {
                service(tracking, runs, seconds / 2.0, clients);
                jdbc(workspace, runs, seconds / 2.0, clients);
            }
            socketRest(tracking, registry, runs, seconds / 2.0, clients);
            double rest = socketRest(tracking, registry, runs, seconds, clients);
            out.printf(Locale.ROOT, "REST log-batch : %,12.0f points/s (keep-alive socket clients, as wrk would send)%n", rest);
            double jdkClient = rest(tracking, registry, runs, seconds, clients);
            out.printf(Locale.ROOT, "REST log-batch : %,12.0f points/s (java.net.http.HttpClient, whose CPU competes with the server's)%n",
                    jdkClient);
            if (restOnly) {
                return;
            }
            double service = service(tracking, runs, seconds, clients);
            out.printf(Locale.ROOT, "RunLog.logBatch: %,12.0f points/s (the service under REST, no HTTP or JSON)%n", service);
            double jdbc = jdbc(workspace, runs, seconds, clients);
            out.printf(Locale.ROOT, "raw JDBC batch : %,12.0f points/s%n", jdbc);
            out.printf(Locale.ROOT, "REST / JDBC    : %12.2f%n", rest / jdbc);
        }
    }

    private static double rest(TrackingServices tracking, ModelRegistry registry, List<String> runs, double seconds, int clients) throws Exception {
        try (MlflowServer server = MlflowServer.start(tracking, registry, MlflowServer.Options.defaults().withAddress("127.0.0.1", 0))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(server.uri() + "/api/2.0/mlflow/runs/log-batch");
            // Bodies are serialised before timing starts: the figure is the server's, not the client's JSON writer.
            Map<String, byte[]> bodies = new java.util.HashMap<>();
            runs.forEach(run -> bodies.put(run, batchJson(run, 0).getBytes(StandardCharsets.UTF_8)));
            return measure(runs, seconds, clients, (run, firstStep) -> {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(run))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    throw new IOException("log-batch answered " + response.statusCode());
                }
            });
        }
    }

    /**
     * The load generator wrk would be: one keep-alive HTTP/1.1 connection per client, writing a request
     * prepared before timing and reading the answer's status line, headers and body. On a machine with
     * few cores a heavyweight client takes CPU from the server it measures; this one costs almost none.
     */
    private static double socketRest(TrackingServices tracking, ModelRegistry registry, List<String> runs, double seconds, int clients) throws Exception {
        try (MlflowServer server = MlflowServer.start(tracking, registry, MlflowServer.Options.defaults().withAddress("127.0.0.1", 0))) {
            URI uri = server.uri();
            Map<String, byte[]> requests = new java.util.HashMap<>();
            for (String run : runs) {
                byte[] body = batchJson(run, 0).getBytes(StandardCharsets.UTF_8);
                String head = "POST /api/2.0/mlflow/runs/log-batch HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
                byte[] request = java.util.Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
                System.arraycopy(body, 0, request, head.length(), body.length);
                requests.put(run, request);
            }
            Map<String, KeepAliveConnection> connections = new java.util.concurrent.ConcurrentHashMap<>();
            try {
                return measure(runs, seconds, clients, (run, firstStep) -> {
                    KeepAliveConnection connection = connections.get(run);
                    if (connection == null) {
                        connection = new KeepAliveConnection(uri);
                        connections.put(run, connection);
                    }
                    int status = connection.exchange(requests.get(run));
                    if (status != 200) {
                        throw new IOException("log-batch answered " + status);
                    }
                });
            } finally {
                for (KeepAliveConnection connection : connections.values()) {
                    connection.close();
                }
            }
        }
    }

    private static double service(TrackingServices tracking, List<String> runs, double seconds, int clients) throws Exception {
        List<dev.cairn.core.tracking.Metric> metrics = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            metrics.add(new dev.cairn.core.tracking.Metric("loss", 1.0 / (i + 1), 1_700_000_000_000L + i, i));
        }
        return measure(runs, seconds, clients, (run, firstStep) -> tracking.log().logBatch(run, metrics, List.of(), List.of()));
    }

    private static double jdbc(Workspace workspace, List<String> runs, double seconds, int clients) throws Exception {
        return measure(runs, seconds, clients, (run, firstStep) -> workspace.store().inTransaction(connection -> {
            insert(connection, run, firstStep);
            return null;
        }));
    }

    /**
     * What a batch of 1000 points of one key writes: one metric_chunk row with the points packed as arrays,
     * and the key's row in latest_metric, the same rows the REST path writes.
     */
    private static void insert(Connection connection, String run, long firstStep) throws java.sql.SQLException {
        java.nio.ByteBuffer packed = java.nio.ByteBuffer.allocate(BATCH * 24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < BATCH; i++) {
            packed.putLong(firstStep + i);
        }
        for (int i = 0; i < BATCH; i++) {
            packed.putLong(1_700_000_000_000L + firstStep + i);
        }
        for (int i = 0; i < BATCH; i++) {
            packed.putDouble(1.0 / (firstStep + i + 1));
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO metric_chunk (run_id, metric_key, point_count, points) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, run);
            insert.setString(2, "loss");
            insert.setInt(3, BATCH);
            insert.setBytes(4, packed.array());
            insert.executeUpdate();
        }
        // The run table's latest value, which every logged batch also keeps current.
        try (PreparedStatement latest = connection.prepareStatement("MERGE INTO latest_metric "
                + "(run_id, metric_key, metric_value, ts, step) KEY (run_id, metric_key) VALUES (?, ?, ?, ?, ?)")) {
            long last = firstStep + BATCH - 1;
            latest.setString(1, run);
            latest.setString(2, "loss");
            latest.setDouble(3, 1.0 / (last + 1));
            latest.setLong(4, 1_700_000_000_000L + last);
            latest.setLong(5, last);
            latest.executeUpdate();
        }
    }

    /** Writing one batch of {@link #BATCH} points for a run, from a given step. */
    private interface BatchWriter {
        void write(String run, long firstStep) throws Exception;
    }

    /** Runs one writer per client for {@code seconds}; returns points per second over all of them. */
    private static double measure(List<String> runs, double seconds, int clients, BatchWriter writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String run = runs.get(c);
            Callable<Long> client = () -> {
                long batches = 0;
                while (System.nanoTime() < deadline) {
                    writer.write(run, (System.nanoTime() & 0xFFFFFFFL) * BATCH);
                    batches++;
                }
                return batches;
            };
            results.add(pool.submit(client));
        }
        long batches = 0;
        for (Future<Long> result : results) {
            batches += result.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return batches * BATCH / elapsed;
    }

    private static String batchJson(String run, long firstStep) {
        StringBuilder json = new StringBuilder(BATCH * 80).append("{\"run_id\":\"").append(run).append("\",\"metrics\":[");
        for (int i = 0; i < BATCH; i++) {
            long step = firstStep + i;
            json.append(i == 0 ? "" : ",").append("{\"key\":\"loss\",\"value\":").append(1.0 / (step + 1))
                    .append(",\"timestamp\":").append(1_700_000_000_000L + step).append(",\"step\":").append(step).append('}');
        }
        return json.append("]}").toString();
    }
}
