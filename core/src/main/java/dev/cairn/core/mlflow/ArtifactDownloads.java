package dev.cairn.core.mlflow;

import com.sun.net.httpserver.HttpExchange;
import dev.cairn.core.registry.ModelRegistry;
import dev.cairn.core.tracking.RunArtifacts;
import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.TrackingServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The file downloads MLflow's web UI makes outside the REST API: {@code /get-artifact} (a run's file),
 * {@code /model-versions/get-artifact} (a registered version's file, e.g. its MLmodel) and a logged model's
 * {@code logged-models/<id>/artifacts/files}. Paths are checked as every artifact path is.
 */
final class ArtifactDownloads {

    private final TrackingServices tracking;
    private final ModelRegistry registry;

    ArtifactDownloads(TrackingServices tracking, ModelRegistry registry) {
        this.tracking = tracking;
        this.registry = registry;
    }

    /** {@code GET /get-artifact?path=..&run_uuid=..} (or {@code run_id}). */
    void runFile(HttpExchange exchange, Map<String, List<String>> query) throws IOException {
        String runId = first(query, "run_id", first(query, "run_uuid", null));
        if (runId == null || runId.isEmpty()) {
            throw ApiException.missing("run_uuid");
        }
        send(exchange, RunArtifacts.of(tracking.artifacts(), tracking.runs().get(runId).info()), required(query, "path"));
    }

    /** {@code GET /model-versions/get-artifact?path=..&name=..&version=..}: from where the version's files are. */
    void versionFile(HttpExchange exchange, Map<String, List<String>> query) throws IOException {
        String version = required(query, "version");
        int number;
        try {
            number = Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("Parameter 'version' must be an integer, got '" + version + "'");
        }
        String uri = registry.getVersion(required(query, "name"), number).downloadUri();
        send(exchange, RunArtifacts.at(tracking.artifacts(), uri), required(query, "path"));
    }

    /** {@code GET logged-models/<id>/artifacts/files?artifact_file_path=..}. */
    void loggedModelFile(HttpExchange exchange, String modelId, Map<String, List<String>> query) throws IOException {
        String path = first(query, "artifact_file_path", null);
        if (path == null || path.isEmpty()) {
            throw new ApiException("BAD_REQUEST", 400, "Request must include the \"artifact_file_path\" query "
                    + "parameter.");
        }
        send(exchange, RunArtifacts.at(tracking.artifacts(), tracking.loggedModels().get(modelId).artifactUri()), path);
    }

    private static void send(HttpExchange exchange, RunArtifacts artifacts, String path) throws IOException {
        if (!artifacts.stored()) {
            throw TrackingException.notFound("The artifacts of '" + artifacts.uri() + "' are not kept by this server");
        }
        Path file = artifacts.file(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw TrackingException.notFound("No artifact at '" + path + "'");
        }
        ArtifactProxy.sendFile(exchange, file);
    }

    private static String required(Map<String, List<String>> query, String field) {
        String value = first(query, field, null);
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(field);
        }
        return value;
    }

    private static String first(Map<String, List<String>> query, String field, String fallback) {
        List<String> values = query.get(field);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
