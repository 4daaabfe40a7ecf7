package dev.cairn.app.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.app.AppServices;
import dev.cairn.core.mlflow.MlflowServer;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A workspace seeded through the MLflow REST API: a parent run with one nested child run that logged params,
 * metrics, a description and artifacts of every previewed kind (text, markdown, JSON, YAML, CSV, PNG, binary)
 * in nested folders; and a run with no artifacts.
 */
final class RunPageFixture implements AutoCloseable {

    static final long START = 1_763_600_000_000L;

    final Workspace workspace;
    final AppServices services;
    final MlflowServer server;
    final String parentId;
    final String childId;
    final String emptyId;
    /** The run with no artifacts, as the REST API described it (for uploading to it later). */
    final JsonNode emptyRun;
    final MlflowRestSeeder api;
    /** The child's artifacts by path, as uploaded. */
    final Map<String, byte[]> artifacts = new LinkedHashMap<>();

    RunPageFixture() throws IOException, InterruptedException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-run-page-"));
        services = new AppServices(workspace);
        server = MlflowServer.start(services.tracking(), services.registry().registry(),
                MlflowServer.Options.defaults().withAddress("127.0.0.1", 0));
        api = new MlflowRestSeeder(server.uri());
        String experiment = api.createExperiment("churn");
        parentId = api.createRun(experiment, "sweep-lr", START, Map.of()).get("run_id").asText();
        JsonNode child = api.createRun(experiment, "lr-0.05", START + 1_000, Map.of(
                RunViewModel.PARENT_TAG, parentId, "mlflow.source.name", "train.py", "team", "growth"));
        childId = child.get("run_id").asText();
        api.logParams(childId, Map.of("learning_rate", "0.05", "max_depth", "6"));
        for (int step = 0; step < 5; step++) {
            api.logMetric(childId, "auc", 0.8 + step * 0.02, START + 2_000 + step, step);
        }
        for (Map.Entry<String, byte[]> file : files().entrySet()) {
            api.logArtifact(child, file.getKey(), file.getValue());
            artifacts.put(file.getKey(), file.getValue());
        }
        api.finish(childId, START + 65_000);
        emptyRun = api.createRun(experiment, "no-artifacts", START + 2_000, Map.of());
        emptyId = emptyRun.get("run_id").asText();
    }

    private static Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("notes.txt", utf8("Early stopping at epoch 14; validation AUC plateaued.\n"));
        files.put("README.md", utf8("# Churn model\n\nGradient-boosted trees on **Q3** data.\n\n- AUC 0.91\n- recall 0.78\n"));
        files.put("metrics.json", utf8("{\"auc\":0.91,\"recall\":0.78,\"confusion\":[[812,41],[37,110]]}"));
        files.put("data/sample.csv", utf8("customer_id,tenure,monthly_charges,churned\n1001,12,70.35,0\n"
                + "1002,3,89.10,1\n1003,48,20.05,0\n"));
        files.put("plots/roc.png", png());
        files.put("model/MLmodel", utf8("artifact_path: model\nflavors:\n  onnx:\n    onnx_version: 1.16.0\n"));
        files.put("model/data/weights.bin", new byte[] {0, 1, 2, 3, 0, (byte) 0xff, 0, 7});
        return files;
    }

    /** A 64x48 PNG with a diagonal, drawn here so the test needs no image file. */
    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.BLUE);
        g.drawLine(0, 47, 63, 0);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
    }
}
