package dev.cairn.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy's multipart upload as MLflow's HttpArtifactRepository drives it (MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD):
 * create names the directory and the local file, each part is PUT to the URL handed out with no MLflow headers,
 * complete joins them in order; abort and mistakes leave nothing behind.
 */
@ExtendWith(FreshWorkspaceExtension.class)
class MultipartUploadTest {

    private static final int PART = 1 << 20;

    private final HttpClient http = HttpClient.newHttpClient();
    private MlflowServer server;
    private MlflowWire wire;
    private Workspace workspace;
    private String dir;

    @BeforeEach
    void start(Workspace workspace) throws Exception {
        this.workspace = workspace;
        TrackingServices tracking = TrackingServices.of(workspace);
        server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                new MlflowServer.Options("127.0.0.1", 0, "t0ken", 32L << 20, PART, 4));
        wire = new MlflowWire(server.uri(), "Bearer t0ken");
        String runId = wire.ok("runs/create", "{\"experiment_id\": \"0\"}").path("run").path("info").path("run_id")
                .asText();
        dir = "0/" + runId + "/artifacts";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode mpu(String action, String body) throws Exception {
        return MlflowWire.ok(wire.send("POST", "/api/2.0/mlflow-artifacts/mpu/" + action + "/" + dir, body), action);
    }

    /** A part's PUT as the client sends it to a presigned URL: the bytes and nothing else. */
    private HttpResponse<String> putPart(String url, byte[] bytes) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] part(int number, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) number);
        bytes[0] = (byte) (number * 7);
        return bytes;
    }

    @Test
    void partsUploadedWithoutTheTokenAreJoinedInOrder() throws Exception {
        JsonNode created = mpu("create", "{\"path\": \"/home/ana/data/big.bin\", \"num_parts\": 3}");
        String uploadId = created.path("upload_id").asText();
        assertThat(created.path("credentials")).hasSize(3);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        StringBuilder parts = new StringBuilder();
        // Sent out of order, as the client's thread pool may.
        byte[][] bytes = {part(1, PART), part(2, PART), part(3, 1234)};
        String[] etags = new String[3];
        for (int i : new int[] {2, 0, 1}) {
            JsonNode credential = created.path("credentials").get(i);
            assertThat(credential.path("part_number").asInt()).isEqualTo(i + 1);
            HttpResponse<String> answer = putPart(credential.path("url").asText(), bytes[i]);
            assertThat(answer.statusCode()).isEqualTo(200);
            etags[i] = answer.headers().firstValue("ETag").orElseThrow();
        }
        for (int i = 0; i < 3; i++) {
            whole.write(bytes[i]);
            parts.append(i == 0 ? "" : ", ").append("{\"part_number\": ").append(i + 1).append(", \"etag\": ")
                    .append(MlflowServer.MAPPER.writeValueAsString(etags[i])).append(", \"url\": \"")
                    .append(created.path("credentials").get(i).path("url").asText()).append("\"}");
        }
        mpu("complete", "{\"path\": \"/home/ana/data/big.bin\", \"upload_id\": \"" + uploadId + "\", \"parts\": ["
                + parts + "]}");
        assertThat(wire.download("/api/2.0/mlflow-artifacts/artifacts/" + dir + "/big.bin"))
                .isEqualTo(whole.toByteArray());
        assertThat(staged()).isEmpty();
        // The part URLs die with the upload.
        assertThat(putPart(created.path("credentials").get(0).path("url").asText(), bytes[0]).statusCode())
                .isEqualTo(404);
    }

    @Test
    void abortAndMistakesLeaveNothing() throws Exception {
        JsonNode created = mpu("create", "{\"path\": \"big.bin\", \"num_parts\": 2}");
        String uploadId = created.path("upload_id").asText();
        String url = created.path("credentials").get(0).path("url").asText();
        assertThat(putPart(url, part(1, 10)).statusCode()).isEqualTo(200);
        assertThat(putPart(url, part(1, PART + 1)).statusCode()).isEqualTo(413);
        assertThat(putPart(url.replace(uploadId, "guessed"), part(1, 10)).statusCode()).isEqualTo(404);
        assertThat(putPart(url.substring(0, url.length() - 1) + "9", part(9, 10)).statusCode()).isEqualTo(400);
        MlflowWire.Answer incomplete = wire.send("POST", "/api/2.0/mlflow-artifacts/mpu/complete/" + dir,
                "{\"path\": \"big.bin\", \"upload_id\": \"" + uploadId + "\", \"parts\": [{\"part_number\": 1, "
                        + "\"etag\": \"x\"}, {\"part_number\": 2, \"etag\": \"y\"}]}");
        assertThat(incomplete.status()).isEqualTo(400);
        mpu("abort", "{\"path\": \"big.bin\", \"upload_id\": \"" + uploadId + "\"}");
        assertThat(staged()).isEmpty();
        assertThat(wire.okGet("artifacts/list?run_id=" + dir.split("/")[1]).path("files")).isEmpty();
        assertThat(wire.send("POST", "/api/2.0/mlflow-artifacts/mpu/create/" + dir, "{\"path\": \"x\", \"num_parts\": 0}")
                .status()).isEqualTo(400);
        assertThat(wire.send("POST", "/api/2.0/mlflow-artifacts/mpu/create/0/../../etc", "{\"path\": \"x\", "
                + "\"num_parts\": 1}").status()).isEqualTo(400);
        assertThat(new MlflowWire(server.uri()).send("POST", "/api/2.0/mlflow-artifacts/mpu/create/" + dir,
                "{\"path\": \"x\", \"num_parts\": 1}").status()).as("create needs the token").isEqualTo(401);
    }

    private java.util.List<Path> staged() throws Exception {
        Path staging = workspace.runArtifactsDir().resolveSibling("mlflow-artifacts-uploads");
        if (!Files.exists(staging)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
