package dev.cairn.samples.bench;

import dev.cairn.core.monitoring.MonitoringSettings;
import dev.cairn.core.monitoring.PredictionMonitor;
import dev.cairn.core.monitoring.PredictionPuller;
import dev.cairn.core.monitoring.WindowDrift;
import dev.cairn.core.monitoring.Windowing;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.runtime.server.ModelServer;
import dev.cairn.runtime.server.ServedModel;
import dev.cairn.runtime.server.ServerOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times prediction monitoring end to end: a real model server (the shared iris forest) logs {@code predictions}
 * requests of {@code batch} rows (the last fifth shifted), then the log is pulled into a fresh workspace over HTTP,
 * pulled again (nothing new), and compared with a 1,000-row reference in windows of {@code window} rows.
 *
 * <p>Usage: {@code MonitoringBenchmark [predictions] [batch] [window] [models folder]}.
 */
public final class MonitoringBenchmark {

    private MonitoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int predictions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path models = args.length > 3 ? Path.of(args[3]) : ServeBenchmark.locateModels();
        PrintStream out = System.out;
        Path folder = Files.createTempDirectory("cairn-monitoring-bench-");
        Random random = new Random(1);
        Path reference = folder.resolve("reference.csv");
        List<String> lines = new ArrayList<>(List.of("sepal_length,sepal_width,petal_length,petal_width"));
        for (int i = 0; i < 1_000; i++) {
            lines.add(String.join(",", row(random, 0).stream().map(String::valueOf).toList()));
        }
        Files.write(reference, lines);
        ServerOptions options = ServerOptions.defaults().withAddress("127.0.0.1", 0).withLogDir(folder.resolve("log"));
        try (ModelServer server = ModelServer.start(ServedModel.load(models.resolve(
                "skl_rf_iris_treeensemble_zipmap.onnx"), "iris", "1", 1), options,
                new PrintStream(OutputStream.nullOutputStream()));
                Workspace workspace = Workspace.open(folder.resolve("home"))) {
            long sending = System.nanoTime();
            send(server.baseUri(), predictions, batch, random);
            out.printf(Locale.ROOT, "sent %,d predictions of %d rows in %.1f s%n", predictions, batch,
                    seconds(sending));
            PredictionMonitor monitor = PredictionMonitor.of(workspace.store(), Clock.systemUTC());
            long pulling = System.nanoTime();
            PredictionPuller.PullResult pulled = monitor.pull("bench", server.baseUri().toString(),
                    ProgressListener.NONE, Cancellation.NEVER);
            double pullSeconds = seconds(pulling);
            out.printf(Locale.ROOT, "first pull: %,d new in %.2f s (%,.0f predictions/s)%n", pulled.added(),
                    pullSeconds, pulled.added() / pullSeconds);
            long again = System.nanoTime();
            PredictionPuller.PullResult second = monitor.pull("bench", server.baseUri().toString(),
                    ProgressListener.NONE, Cancellation.NEVER);
            out.printf(Locale.ROOT, "second pull: %,d new, %,d lines received, in %.3f s%n", second.added(),
                    second.received(), seconds(again));
            for (int round = 1; round <= 3; round++) {
                long analysing = System.nanoTime();
                PredictionMonitor.Analysis analysis = monitor.analyse("bench", reference,
                        MonitoringSettings.of(Windowing.everyRows(window)), ProgressListener.NONE, Cancellation.NEVER);
                List<WindowDrift> windows = analysis.result().windows();
                out.printf(Locale.ROOT, "analysis %d: %,d rows in %d windows (%d drifted) in %.2f s%n", round,
                        analysis.result().rows(), windows.size(),
                        windows.stream().filter(WindowDrift::datasetDrift).count(), seconds(analysing));
            }
        }
    }

    private static void send(URI server, int predictions, int batch, Random random) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI infer = server.resolve("/v2/models/iris/infer");
        for (int p = 0; p < predictions; p++) {
            double shift = p >= predictions * 4 / 5 ? 1.5 : 0;
            StringBuilder data = new StringBuilder();
            for (int r = 0; r < batch; r++) {
                for (double value : row(random, shift)) {
                    data.append(data.length() == 0 ? "" : ",").append(value);
                }
            }
            String body = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[" + batch + ",4],\"datatype\":\"FP32\","
                    + "\"data\":[" + data + "]}]}";
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(infer).POST(
                    HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("inference answered " + response.statusCode());
            }
        }
    }

    /** Lengths around iris's overall means; {@code shift} lengthens the petals. */
    private static List<Double> row(Random random, double shift) {
        return List.of(round(5.8 + 0.8 * random.nextGaussian()), round(3.0 + 0.4 * random.nextGaussian()),
                round(3.8 + 1.7 * random.nextGaussian() + shift), round(1.2 + 0.7 * random.nextGaussian() + shift / 2));
    }

    private static double round(double value) {
        return Math.max(0.1, Math.round(value * 10) / 10.0);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
