package dev.cairn.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server process, real sockets, a real kill -9, and writers that must lose nothing acknowledged. */
class ServerDurabilityTest {

    private static final int POINTS_PER_BATCH = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path folder;

    @Test
    void everyAcknowledgedBatchSurvivesKillMinusNine() throws Exception {
        Path home = folder.resolve("home");
        Process server = startServer(home, folder.resolve("port-1"));
        String base = "http://127.0.0.1:" + Files.readString(folder.resolve("port-1"));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(createRun(base));
        }
        Map<String, List<Integer>> acknowledged = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicInteger answered = new AtomicInteger();
        List<Future<?>> writers = new ArrayList<>();
        for (String run : runs) {
            acknowledged.put(run, new ArrayList<>());
            writers.add(clients.submit(() -> {
                for (int batch = 0; batch < 10_000; batch++) {
                    try {
                        if (logBatch(base, run, batch) == 200) {
                            acknowledged.get(run).add(batch);
                            answered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        return null; // the server is gone
                    }
                }
                return null;
            }));
        }
        while (answered.get() < 200) {
            Thread.sleep(20);
        }
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no clean close
        for (Future<?> writer : writers) {
            writer.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();

        Process restarted = startServer(home, folder.resolve("port-2"));
        try {
            String again = "http://127.0.0.1:" + Files.readString(folder.resolve("port-2"));
            int batches = 0;
            for (String run : runs) {
                List<Integer> expected = acknowledged.get(run);
                batches += expected.size();
                JsonNode history = get(again + "/api/2.0/mlflow/metrics/get-history?run_id=" + run + "&metric_key=m");
                List<Long> steps = new ArrayList<>();
                history.path("metrics").forEach(point -> steps.add(point.path("step").asLong()));
                List<Integer> lost = expected.stream().filter(batch -> !steps.contains((long) batch * POINTS_PER_BATCH)).toList();
                assertThat(lost).as("acknowledged batches lost from run %s (%d acknowledged, %d points found)",
                        run, expected.size(), steps.size()).isEmpty();
                assertThat(steps.size() % POINTS_PER_BATCH).as("no partial batch").isZero();
            }
            assertThat(batches).isGreaterThanOrEqualTo(200);
        } finally {
            restarted.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void eightConcurrentWritersLoseNoPoint() throws Exception {
        Path home = folder.resolve("concurrent");
        Process server = startServer(home, folder.resolve("port"));
        try {
            String base = "http://127.0.0.1:" + Files.readString(folder.resolve("port"));
            String sharedRun = createRun(base);
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(i < 6 ? createRun(base) : sharedRun); // two writers share a run
            }
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String run = runs.get(w);
                int writer = w;
                writers.add(clients.submit(() -> {
                    int ok = 0;
                    for (int batch = 0; batch < 500; batch++) {
                        if (logBatch(base, run, writer * 1000 + batch) == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> writer : writers) {
                assertThat(writer.get(5, TimeUnit.MINUTES)).isEqualTo(500);
            }
            clients.shutdown();
            long total = 0;
            for (String run : new java.util.LinkedHashSet<>(runs)) {
                total += get(base + "/api/2.0/mlflow/metrics/get-history?run_id=" + run + "&metric_key=m").path("metrics").size();
            }
            assertThat(total).isEqualTo(8L * 500 * POINTS_PER_BATCH);
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startServer(Path home, Path portFile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(), home.toString(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve(portFile.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("server did not start: " + Files.readString(folder.resolve(portFile.getFileName() + ".log")));
            }
            Thread.sleep(50);
        }
        return process;
    }

    private String createRun(String base) throws IOException, InterruptedException {
        return post(base + "/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").path("run").path("info").path("run_id").asText();
    }

    /** Logs one batch whose steps start at batch * 100; returns the HTTP status. */
    private int logBatch(String base, String run, int batch) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"run_id\": \"").append(run).append("\", \"metrics\": [");
        for (int i = 0; i < POINTS_PER_BATCH; i++) {
            long step = (long) batch * POINTS_PER_BATCH + i;
            body.append(i == 0 ? "" : ",").append("{\"key\": \"m\", \"value\": ").append(step * 0.5)
                    .append(", \"timestamp\": ").append(1_700_000_000_000L + step).append(", \"step\": ").append(step).append('}');
        }
        body.append("]}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/runs/log-batch"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode post(String uri, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return MlflowServer.MAPPER.readTree(response.body());
    }

    private JsonNode get(String uri) throws IOException, InterruptedException {
        return MlflowServer.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
