package dev.cairn.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.testdata.TestData;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** MLflow's scoring protocol ({@code mlflow models serve}'s endpoints) over a real socket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlflowScoringServerTest {

    private final List<ModelServer> servers = new ArrayList<>();
    private HttpTestClient iris;
    private HttpTestClient titanic;

    @BeforeAll
    void startServers() throws Exception {
        iris = new HttpTestClient(start("tribuo_iris_lr.onnx").baseUri());
        titanic = new HttpTestClient(start("skl_pipeline_titanic_mixed_string_float.onnx").baseUri());
    }

    private ModelServer start(String file) throws Exception {
        ModelServer server = ModelServer.start(ServedModel.load(TestData.path("models/" + file), null, null, 1),
                ServerOptions.defaults().withAddress("127.0.0.1", 0), System.out);
        servers.add(server);
        return server;
    }

    @AfterAll
    void stopServers() {
        servers.forEach(ModelServer::close);
    }

    @Test
    void pingHealthAndVersion() throws Exception {
        assertThat(iris.get("/ping").statusCode()).isEqualTo(200);
        assertThat(iris.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> version = iris.get("/version");
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).isNotBlank();
    }

    @Test
    void everyJsonFormAndCsvGiveTheSamePredictions() throws Exception {
        List<String> bodies = List.of(
                "{\"dataframe_split\":{\"columns\":[\"sl\",\"sw\",\"pl\",\"pw\"],\"data\":[[5.1,3.5,1.4,0.2],"
                        + "[6.7,3.0,5.2,2.3]]}}",
                "{\"dataframe_records\":[{\"sl\":5.1,\"sw\":3.5,\"pl\":1.4,\"pw\":0.2},"
                        + "{\"sl\":6.7,\"sw\":3.0,\"pl\":5.2,\"pw\":2.3}]}",
                "{\"instances\":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}",
                "{\"inputs\":{\"input\":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}}",
                "{\"inputs\":[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3]]}");
        List<JsonNode> answers = new ArrayList<>();
        for (String body : bodies) {
            HttpResponse<String> response = iris.postJson("/invocations", body);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(200);
            answers.add(HttpTestClient.json(response).path("predictions"));
        }
        HttpResponse<String> csv = iris.post("/invocations", "text/csv; charset=utf-8",
                "sl,sw,pl,pw\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        answers.add(HttpTestClient.json(csv).path("predictions"));
        JsonNode first = answers.get(0);
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.get(0).size()).isEqualTo(3);
        for (JsonNode answer : answers) {
            assertThat(answer).isEqualTo(first);
        }
    }

    @Test
    void titanicRecordsComeBackAsRecords() throws Exception {
        HttpResponse<String> response = titanic.postJson("/invocations", "{\"dataframe_records\":["
                + "{\"pclass\":\"1\",\"sex\":\"female\",\"age\":29,\"fare\":211.3,\"embarked\":\"S\"},"
                + "{\"pclass\":\"3\",\"sex\":\"male\",\"age\":null,\"fare\":7.9,\"embarked\":\"S\"}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode predictions = HttpTestClient.json(response).path("predictions");
        assertThat(predictions.size()).isEqualTo(2);
        assertThat(predictions.get(0).path("output_label").asInt()).isEqualTo(1);
        JsonNode probability = predictions.get(0).path("output_probability");
        assertThat(probability.path("0").asDouble() + probability.path("1").asDouble()).isCloseTo(1, within(1e-5));
        HttpResponse<String> csv = titanic.post("/invocations", "text/csv",
                "pclass,sex,age,fare,embarked\n1,female,29,211.3,S\n3,male,,7.9,S\n");
        assertThat(HttpTestClient.json(csv).path("predictions")).isEqualTo(predictions);
    }

    @Test
    void errorsUseMlflowsShape() throws Exception {
        HttpResponse<String> twoKeys = iris.postJson("/invocations", "{\"instances\":[[1,2,3,4]],"
                + "\"inputs\":[[1,2,3,4]]}");
        assertThat(twoKeys.statusCode()).isEqualTo(400);
        JsonNode body = HttpTestClient.json(twoKeys);
        assertThat(body.path("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(body.path("message").asText()).contains("exactly one of");
        HttpResponse<String> badCell = titanic.postJson("/invocations", "{\"dataframe_split\":{\"columns\":"
                + "[\"pclass\",\"sex\",\"age\",\"fare\",\"embarked\"],\"data\":[[\"1\",\"male\",\"old\",7.9,\"S\"]]}}");
        assertThat(badCell.statusCode()).isEqualTo(400);
        assertThat(HttpTestClient.json(badCell).path("message").asText()).contains("age").contains("old");
        HttpResponse<String> malformed = iris.postJson("/invocations", "{\"instances\": [");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(HttpTestClient.json(malformed).path("error_code").asText()).isEqualTo("BAD_REQUEST");
        HttpResponse<String> text = iris.post("/invocations", "text/plain", "5.1,3.5,1.4,0.2");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(HttpTestClient.json(text).path("message").asText()).contains("application/json or text/csv");
        assertThat(iris.get("/invocations").statusCode()).isEqualTo(405);
        assertThat(iris.get("/ping").statusCode()).isEqualTo(200);
    }
}
