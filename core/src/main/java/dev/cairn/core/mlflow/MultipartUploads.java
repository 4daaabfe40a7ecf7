package dev.cairn.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cairn.core.io.Folders;
import dev.cairn.core.tracking.ArtifactStore;
import dev.cairn.core.tracking.TrackingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The artifact proxy's multipart upload ({@code mlflow-artifacts/mpu/create|complete|abort}, which MLflow's client uses
 * with {@code MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD=true}): a file of several GB arrives as parts, each PUT to a URL
 * this server hands out, streamed to disk, and joined into the artifact on complete. The client sends the parts with
 * no MLflow headers (they are meant for presigned URLs), so each part URL carries its upload's unguessable id, which
 * stands in for the token. Parts wait in a staging folder beside the artifact root, never in memory.
 */
final class MultipartUploads {

    static final String PARTS_PATH = "/api/2.0/mlflow-artifacts/mpu/parts/";
    private static final int MAX_PARTS = 10_000;

    /** One upload in progress: where the artifact will go and where its parts wait. */
    private record Upload(String target, Path staging, int parts) {
    }

    private final ArtifactStore store;
    private final Path stagingRoot;
    private final long maxPartBytes;
    private final MlflowJson json;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    MultipartUploads(ArtifactStore store, long maxPartBytes, MlflowJson json) {
        this.store = store;
        this.stagingRoot = store.root().resolveSibling(store.root().getFileName() + "-uploads");
        this.maxPartBytes = maxPartBytes;
        this.json = json;
        // Parts of uploads a previous process started cannot be completed (their ids were in its memory).
        Folders.deleteQuietly(stagingRoot);
    }

    /** {@code mpu/<action>/<dir>}: create, complete or abort the upload of {@code basename(path)} into dir. */
    JsonNode handle(HttpExchange exchange, String action, String dir, ApiRequest request) throws IOException {
        String path = request.required("path");
        String name = path.replace('\\', '/').substring(path.replace('\\', '/').lastIndexOf('/') + 1);
        String target = dir.isEmpty() ? name : dir + "/" + name;
        store.resolve(target); // the same checks as a PUT: refused before anything is staged
        return switch (action) {
            case "create" -> create(exchange, target, request);
            case "complete" -> complete(target, request);
            case "abort" -> {
                Upload upload = uploads.remove(request.required("upload_id"));
                if (upload != null) {
                    Folders.deleteQuietly(upload.staging());
                }
                yield json.object();
            }
            default -> throw new ApiException("ENDPOINT_NOT_FOUND", 404, "No multipart upload action '" + action
                    + "': expected create, complete or abort");
        };
    }

    private JsonNode create(HttpExchange exchange, String target, ApiRequest request) throws IOException {
        Long parts = request.int64("num_parts");
        if (parts == null || parts < 1 || parts > MAX_PARTS) {
            throw ApiException.invalid("num_parts must be between 1 and " + MAX_PARTS + ", got " + parts);
        }
        byte[] id = new byte[24];
        random.nextBytes(id);
        String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Path staging = Files.createDirectories(stagingRoot.resolve(uploadId));
        uploads.put(uploadId, new Upload(target, staging, parts.intValue()));
        String host = exchange.getRequestHeaders().getFirst("Host");
        String base = "http://" + (host != null ? host : "127.0.0.1:" + exchange.getLocalAddress().getPort());
        ObjectNode answer = json.object().put("upload_id", uploadId);
        ArrayNode credentials = answer.putArray("credentials");
        for (int part = 1; part <= parts; part++) {
            credentials.addObject().put("url", base + PARTS_PATH + uploadId + "/" + part).put("part_number", part)
                    .putObject("headers");
        }
        return answer;
    }

    /** A part's PUT: streamed into the staging folder; its ETag is the SHA-256 of its bytes. */
    void receivePart(HttpExchange exchange, String rest) throws IOException {
        String[] parts = rest.split("/", -1);
        Upload upload = parts.length == 2 ? uploads.get(parts[0]) : null;
        if (upload == null || !exchange.getRequestMethod().equals("PUT")) {
            MlflowServer.discardRefusedBody(exchange);
            throw new ApiException("RESOURCE_DOES_NOT_EXIST", 404, "No multipart upload part at this address (the "
                    + "upload was completed, aborted or never created)");
        }
        int number;
        try {
            number = partNumber(parts[1], upload);
        } catch (ApiException e) {
            MlflowServer.discardRefusedBody(exchange);
            throw e;
        }
        Path partial = Files.createTempFile(upload.staging(), "part-" + number + "-", ".partial");
        MessageDigest digest = sha256();
        try (InputStream in = exchange.getRequestBody();
             OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
            long written = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                written += n;
                if (written > maxPartBytes) {
                    throw new ApiException("RESOURCE_EXHAUSTED", 413, "A part is larger than the limit of "
                            + maxPartBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        String etag = HexFormat.of().formatHex(digest.digest());
        Files.move(partial, upload.staging().resolve(number + "." + etag),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        exchange.getResponseHeaders().set("ETag", "\"" + etag + "\"");
        MlflowServer.reply(exchange, 200, "application/json", new byte[0]);
    }

    private JsonNode complete(String target, ApiRequest request) throws IOException {
        String uploadId = request.required("upload_id");
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.target().equals(target)) {
            throw TrackingException.notFound("No multipart upload " + uploadId + " of '" + target + "'");
        }
        JsonNode listed = request.body().get("parts");
        if (listed == null || !listed.isArray() || listed.isEmpty()) {
            throw ApiException.missing("parts");
        }
        List<Path> files = new ArrayList<>();
        int expected = 1;
        for (JsonNode part : listed) {
            int number = (int) ApiRequest.parseLong(part.get("part_number"), "part_number", null);
            if (number != expected++) {
                throw ApiException.invalid("The parts must be listed in order from 1 without gaps; part " + number
                        + " came where part " + (expected - 1) + " was expected");
            }
            String etag = part.path("etag").asText().replace("\"", "");
            Path file = upload.staging().resolve(number + "." + etag);
            if (!Files.isRegularFile(file)) {
                throw ApiException.invalid("Part " + number + " with ETag '" + etag + "' was not uploaded");
            }
            files.add(file);
        }
        List<InputStream> streams = new ArrayList<>();
        try {
            for (Path file : files) {
                streams.add(Files.newInputStream(file));
            }
            try (InputStream joined = new SequenceInputStream(Collections.enumeration(streams))) {
                store.write(target, joined, Long.MAX_VALUE);
            }
        } finally {
            for (InputStream stream : streams) {
                stream.close();
            }
        }
        uploads.remove(uploadId);
        Folders.deleteQuietly(upload.staging());
        return json.object();
    }

    private static int partNumber(String text, Upload upload) {
        try {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= upload.parts()) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("Part number '" + text + "' is not between 1 and " + upload.parts());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
