package dev.cairn.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;

/**
 * The model registry endpoints over a real socket: the official MLflow Java client for what it reaches
 * (it has no typed create, transition or alias calls, so those go through its sendPost/sendPatch as its own
 * tests do), raw HTTP for the DELETE endpoints and errors.
 */
@ExtendWith(FreshWorkspaceExtension.class)
class RegistryApiTest {

    private MlflowServer server;
    private MlflowClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start(Workspace workspace) {
        TrackingServices tracking = TrackingServices.of(workspace);
        server = MlflowServer.start(tracking, RegistryServices.of(workspace, tracking).registry(),
                MlflowServer.Options.defaults().withAddress("127.0.0.1", 0));
        client = new MlflowClient(server.uri().toString());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void javaClientReadsWhatItsRawCallsWrote() {
        client.sendPost("registered-models/create", "{\"name\": \"fraud\", \"description\": \"catches fraud\","
                + " \"tags\": [{\"key\": \"team\", \"value\": \"risk\"}]}");
        for (int i = 1; i <= 3; i++) {
            client.sendPost("model-versions/create", "{\"name\": \"fraud\", \"source\": \"runs:/r" + i + "/model\","
                    + " \"run_id\": \"r" + i + "\"}");
        }
        client.sendPost("model-versions/transition-stage", "{\"name\": \"fraud\", \"version\": \"2\", \"stage\": "
                + "\"production\", \"archive_existing_versions\": false}");
        client.sendPost("model-versions/transition-stage", "{\"name\": \"fraud\", \"version\": \"3\", \"stage\": "
                + "\"Production\", \"archive_existing_versions\": true}");
        client.sendPost("registered-models/alias", "{\"name\": \"fraud\", \"alias\": \"champion\", \"version\": \"3\"}");
        client.sendPatch("model-versions/update", "{\"name\": \"fraud\", \"version\": \"1\", \"description\": \"first\"}");

        var model = client.getRegisteredModel("fraud");
        assertThat(model.getDescription()).isEqualTo("catches fraud");
        assertThat(model.getTags(0).getValue()).isEqualTo("risk");
        assertThat(model.getAliases(0).getAlias()).isEqualTo("champion");
        assertThat(model.getAliases(0).getVersion()).isEqualTo("3");

        ModelVersion v3 = client.getModelVersion("fraud", "3");
        assertThat(v3.getCurrentStage()).isEqualTo("Production");
        assertThat(v3.getAliasesList()).containsExactly("champion");
        assertThat(client.getModelVersion("fraud", "2").getCurrentStage()).isEqualTo("Archived");
        assertThat(client.getModelVersion("fraud", "1").getDescription()).isEqualTo("first");

        assertThat(client.getLatestVersions("fraud", List.of("Production"))).extracting(ModelVersion::getVersion)
                .containsExactly("3");
        assertThat(client.getLatestVersions("fraud")).extracting(ModelVersion::getCurrentStage)
                .containsExactly("None", "Production", "Archived");
        assertThat(client.getModelVersionDownloadUri("fraud", "1")).isEqualTo("runs:/r1/model");

        var page = client.searchModelVersions("name = 'fraud'", 2, List.of("version_number ASC"));
        assertThat(page.getItems()).extracting(ModelVersion::getVersion).containsExactly("1", "2");
        assertThat(page.hasNextPage()).isTrue();
        assertThat(page.getNextPage().getItems()).extracting(ModelVersion::getVersion).containsExactly("3");
        assertThat(client.searchModelVersions("run_id = 'r2'").getItems()).hasSize(1);

        assertThatThrownBy(() -> client.getModelVersion("fraud", "9")).isInstanceOf(MlflowClientException.class)
                .hasMessageContaining("RESOURCE_DOES_NOT_EXIST");
        assertThatThrownBy(() -> client.getRegisteredModel("nope")).isInstanceOf(MlflowClientException.class)
                .hasMessageContaining("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void rawHttpCoversDeletesRenamesTagsAndErrors() throws Exception {
        assertThat(send("POST", "registered-models/create", "{\"name\": \"m\"}").status).isEqualTo(200);
        Answer duplicate = send("POST", "registered-models/create", "{\"name\": \"m\"}");
        assertThat(duplicate.status).isEqualTo(400);
        assertThat(duplicate.json.path("error_code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        send("POST", "model-versions/create", "{\"name\": \"m\", \"source\": \"s\"}");

        assertThat(send("POST", "model-versions/set-tag", "{\"name\": \"m\", \"version\": \"1\", \"key\": \"k\", "
                + "\"value\": \"v\"}").status).isEqualTo(200);
        assertThat(send("POST", "registered-models/set-tag", "{\"name\": \"m\", \"key\": \"owner\", \"value\": \"ana\"}")
                .status).isEqualTo(200);
        Answer renamed = send("POST", "registered-models/rename", "{\"name\": \"m\", \"new_name\": \"m2\"}");
        assertThat(renamed.json.path("registered_model").path("name").asText()).isEqualTo("m2");
        Answer version = send("GET", "model-versions/get?name=m2&version=1", null);
        assertThat(version.json.path("model_version").path("tags").get(0).path("value").asText()).isEqualTo("v");

        Answer badAlias = send("POST", "registered-models/alias", "{\"name\": \"m2\", \"alias\": \"latest\", \"version\": 1}");
        assertThat(badAlias.status).isEqualTo(400);
        assertThat(badAlias.json.path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        Answer badStage = send("POST", "model-versions/transition-stage", "{\"name\": \"m2\", \"version\": \"1\", "
                + "\"stage\": \"Shipping\", \"archive_existing_versions\": false}");
        assertThat(badStage.status).isEqualTo(400);

        assertThat(send("DELETE", "model-versions/delete-tag", "{\"name\": \"m2\", \"version\": \"1\", \"key\": \"k\"}")
                .status).isEqualTo(200);
        assertThat(send("DELETE", "registered-models/delete-tag", "{\"name\": \"m2\", \"key\": \"owner\"}").status)
                .isEqualTo(200);
        send("POST", "registered-models/alias", "{\"name\": \"m2\", \"alias\": \"prod\", \"version\": \"1\"}");
        assertThat(send("GET", "registered-models/alias?name=m2&alias=prod", null).json.path("model_version")
                .path("version").asText()).isEqualTo("1");
        assertThat(send("DELETE", "registered-models/alias", "{\"name\": \"m2\", \"alias\": \"prod\"}").status)
                .isEqualTo(200);
        assertThat(send("DELETE", "model-versions/delete", "{\"name\": \"m2\", \"version\": \"1\"}").status).isEqualTo(200);
        assertThat(send("GET", "model-versions/get?name=m2&version=1", null).status).isEqualTo(404);
        assertThat(send("GET", "registered-models/search?filter=name%20LIKE%20%27m%25%27", null).json
                .path("registered_models")).hasSize(1);
        assertThat(send("DELETE", "registered-models/delete", "{\"name\": \"m2\"}").status).isEqualTo(200);
        assertThat(send("GET", "registered-models/get?name=m2", null).status).isEqualTo(404);
        assertThat(send("GET", "/ajax-api/2.0/mlflow/registered-models/search", null).status).isEqualTo(200);
    }

    private record Answer(int status, JsonNode json) {
    }

    private Answer send(String method, String endpoint, String body) throws IOException, InterruptedException {
        String path = endpoint.startsWith("/") ? endpoint : "/api/2.0/mlflow/" + endpoint;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.uri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), MlflowServer.MAPPER.readTree(response.body()));
    }
}
