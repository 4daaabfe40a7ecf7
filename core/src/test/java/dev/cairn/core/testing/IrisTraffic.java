package dev.cairn.core.testing;

import dev.cairn.testdata.TestData;
import dev.cairn.runtime.server.ModelServer;
import dev.cairn.runtime.server.ServedModel;
import dev.cairn.runtime.server.ServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Iris-like rows (the three species' means and spreads, seeded) for prediction monitoring tests: a reference CSV,
 * and inference requests to a real model server running the shared scikit-learn iris forest, plain or shifted.
 */
public final class IrisTraffic {

    public static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    public static final String MODEL = "iris";

    private static final double[][] MEANS = {{5.0, 3.4, 1.5, 0.25}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};
    private static final double[][] SPREADS = {{0.35, 0.38, 0.17, 0.1}, {0.5, 0.3, 0.47, 0.2}, {0.6, 0.3, 0.55, 0.27}};
    /** What the shifted traffic adds per feature: longer and wider petals, as a new supplier's flowers might have. */
    private static final double[] SHIFT = {0.8, 0.0, 1.5, 0.8};

    private final Random random;
    private final HttpClient http = HttpClient.newHttpClient();

    public IrisTraffic(long seed) {
        this.random = new Random(seed);
    }

    /** Starts the shared iris forest as model "iris" version "1" on a free loopback port, logging into {@code logDir}. */
    public static ModelServer startServer(Path logDir) throws Exception {
        ServerOptions options = ServerOptions.defaults().withAddress("127.0.0.1", 0);
        return ModelServer.start(ServedModel.load(TestData.model("skl_rf_iris_treeensemble_zipmap.onnx"), MODEL,
                "1", 1), logDir == null ? options : options.withLogDir(logDir),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    /** {@code count} rows, species in turn, each feature shifted by {@link #SHIFT} when {@code shifted}. */
    public double[][] rows(int count, boolean shifted) {
        double[][] rows = new double[count][4];
        for (int r = 0; r < count; r++) {
            int species = r % 3;
            for (int f = 0; f < 4; f++) {
                double value = MEANS[species][f] + SPREADS[species][f] * random.nextGaussian()
                        + (shifted ? SHIFT[f] : 0);
                rows[r][f] = Math.max(0.1, Math.round(value * 10) / 10.0);
            }
        }
        return rows;
    }

    /** Writes {@code rows} as a CSV with the feature names as header. */
    public static Path writeCsv(Path file, double[][] rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of(String.join(",", FEATURES)));
        for (double[] row : rows) {
            lines.add(String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.1f", row[0], row[1], row[2], row[3]));
        }
        return Files.write(file, lines);
    }

    /** Sends {@code rows} to the server in requests of {@code batch} rows; fails unless each is answered 200. */
    public void send(URI server, double[][] rows, int batch) throws IOException, InterruptedException {
        for (int from = 0; from < rows.length; from += batch) {
            int to = Math.min(rows.length, from + batch);
            StringBuilder data = new StringBuilder();
            for (int r = from; r < to; r++) {
                for (double value : rows[r]) {
                    data.append(data.length() == 0 ? "" : ",").append(value);
                }
            }
            String body = "{\"id\":\"req-" + from + "\",\"inputs\":[{\"name\":\"float_input\",\"shape\":[" + (to - from)
                    + ",4],\"datatype\":\"FP32\",\"data\":[" + data + "]}]}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.resolve("/v2/models/" + MODEL
                    + "/infer")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("inference failed: " + response.statusCode() + " " + response.body());
            }
        }
    }
}
