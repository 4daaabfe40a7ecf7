package dev.cairn.runtime.server;

import dev.cairn.testdata.BuildFacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.testing.MnistDigits;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The model server over a real socket with a real HTTP client, on the shared models. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelServerTest {

    private static final String IRIS_ROWS = "[[5.1,3.5,1.4,0.2],[6.7,3.0,5.2,2.3],[5.9,3.0,4.2,1.5]]";
    private static final String IRIS_FLAT = "[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3,5.9,3.0,4.2,1.5]";

    @TempDir
    static Path logDir;

    private final List<ModelServer> servers = new ArrayList<>();
    private HttpTestClient iris;
    private HttpTestClient titanic;
    private HttpTestClient mnist;
    private HttpTestClient forest;
    private ModelServer irisServer;

    @BeforeAll
    void startServers() throws Exception {
        ServerOptions options = ServerOptions.defaults().withAddress("127.0.0.1", 0);
        irisServer = start("tribuo_iris_lr.onnx", "iris", "3", options.withLogDir(logDir));
        iris = new HttpTestClient(irisServer.baseUri());
        titanic = new HttpTestClient(start("skl_pipeline_titanic_mixed_string_float.onnx", "titanic", "1", options)
                .baseUri());
        mnist = new HttpTestClient(start("tribuo_cnn_mnist.onnx", "mnist", "1", options).baseUri());
        forest = new HttpTestClient(start("skl_rf_iris_treeensemble_zipmap.onnx", null, null, options).baseUri());
    }

    private ModelServer start(String file, String name, String version, ServerOptions options) throws Exception {
        ModelServer server = ModelServer.start(ServedModel.load(TestData.path("models/" + file), name, version,
                1), options, System.out);
        servers.add(server);
        return server;
    }

    @AfterAll
    void stopServers() {
        servers.forEach(ModelServer::close);
    }

    @Test
    void healthAndServerMetadata() throws Exception {
        assertThat(iris.get("/v2/health/live").statusCode()).isEqualTo(200);
        assertThat(iris.get("/v2/health/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> server = iris.get("/v2");
        assertThat(server.statusCode()).isEqualTo(200);
        assertThat(server.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = HttpTestClient.json(server);
        assertThat(body.path("name").asText()).isEqualTo("cairn-runtime");
        assertThat(body.path("version").asText()).isNotBlank();
        assertThat(body.path("extensions").isArray()).isTrue();
    }

    @Test
    void modelMetadataShowsDynamicDimensionsAsMinusOne() throws Exception {
        for (String path : List.of("/v2/models/iris", "/v2/models/iris/versions/3")) {
            JsonNode body = HttpTestClient.json(iris.get(path));
            assertThat(body.path("name").asText()).isEqualTo("iris");
            assertThat(body.path("versions").get(0).asText()).isEqualTo("3");
            assertThat(body.path("platform").asText()).isEqualTo("onnx_onnxv1");
            assertThat(body.path("inputs").get(0).toString())
                    .isEqualTo("{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,4]}");
            assertThat(body.path("outputs").get(0).toString())
                    .isEqualTo("{\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[-1,3]}");
        }
        assertThat(iris.get("/v2/models/iris/ready").statusCode()).isEqualTo(200);
        assertThat(iris.get("/v2/models/iris/versions/3/ready").statusCode()).isEqualTo(200);
        JsonNode zipMap = HttpTestClient.json(forest.get("/v2/models/skl_rf_iris_treeensemble_zipmap"));
        assertThat(zipMap.path("outputs").get(1).toString()).isEqualTo("{\"name\":\"output_probability\","
                + "\"datatype\":\"FP32\",\"shape\":[-1,-1],\"parameters\":{\"onnx_type\":\"seq(map(int64,float))\"}}");
    }

    @Test
    void unknownModelsVersionsAndPathsAre404WithAnErrorBody() throws Exception {
        for (String path : List.of("/v2/models/nope", "/v2/models/iris/versions/4", "/v2/models/nope/ready",
                "/v2/models/iris/versions/4/ready", "/v2/models/iris/explain", "/v2/nothing", "/nothing")) {
            HttpResponse<String> response = iris.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(HttpTestClient.json(response).path("error").asText()).as(path).isNotBlank();
        }
        HttpResponse<String> wrongVersion = iris.postJson("/v2/models/iris/versions/4/infer", "{}");
        assertThat(wrongVersion.statusCode()).isEqualTo(404);
        assertThat(HttpTestClient.json(wrongVersion).path("error").asText())
                .isEqualTo("model 'iris' version '4' is not served here; this server serves 'iris' version '3'");
        HttpResponse<String> wrongMethod = iris.get("/v2/models/iris/infer");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void infersWithFlatOrNestedDataEchoingTheIdAndHonouringRequestedOutputs() throws Exception {
        String nested = "{\"id\":\"req-7\",\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\","
                + "\"data\":" + IRIS_ROWS + "}]}";
        String flat = "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\",\"data\":"
                + IRIS_FLAT + "}],"
                + "\"outputs\":[{\"name\":\"output\"}]}";
        JsonNode a = HttpTestClient.json(iris.postJson("/v2/models/iris/infer", nested));
        JsonNode b = HttpTestClient.json(iris.postJson("/v2/models/iris/versions/3/infer", flat));
        assertThat(a.path("id").asText()).isEqualTo("req-7");
        assertThat(b.has("id")).isFalse();
        assertThat(a.path("model_name").asText()).isEqualTo("iris");
        assertThat(a.path("model_version").asText()).isEqualTo("3");
        JsonNode output = a.path("outputs").get(0);
        assertThat(output.path("name").asText()).isEqualTo("output");
        assertThat(output.path("datatype").asText()).isEqualTo("FP32");
        assertThat(output.path("shape").toString()).isEqualTo("[3,3]");
        assertThat(b.path("outputs")).isEqualTo(a.path("outputs"));
        // The same figures as ONNX Runtime in process.
        float[] rows = new float[12];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) OipJson.mapper().readTree(IRIS_FLAT).get(i).asDouble();
        }
        float[] expected = irisServer.model().runner().run(List.of(Tensor.ofFloats("input", new long[] {3, 4}, rows)))
                .tensor("output").floats();
        for (int i = 0; i < expected.length; i++) {
            assertThat(output.path("data").get(i).floatValue()).isEqualTo(expected[i]);
        }
    }

    @Test
    void mnistBatchOfSixtyTwoIsAllCorrect() throws Exception {
        MnistDigits digits = MnistDigits.load();
        ObjectNode request = OipJson.mapper().createObjectNode();
        ObjectNode input = request.putArray("inputs").addObject();
        input.put("name", "input_image").put("datatype", "FP32");
        input.putArray("shape").add(digits.count()).add(1).add(28).add(28);
        ArrayNode data = input.putArray("data");
        for (float pixel : digits.pixels()) {
            data.add(pixel);
        }
        HttpResponse<String> response = mnist.postJson("/v2/models/mnist/infer", request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode output = HttpTestClient.json(response).path("outputs").get(0);
        assertThat(output.path("shape").toString()).isEqualTo("[62,10]");
        float[] scores = new float[62 * 10];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) output.path("data").get(i).asDouble();
        }
        assertThat(digits.correct(scores)).isEqualTo(62);
    }

    @Test
    void tinyBertTakesInt64InputsAndAnswersTwoOutputs() throws Exception {
        ServerOptions options = ServerOptions.defaults().withAddress("127.0.0.1", 0);
        HttpTestClient bert = new HttpTestClient(start("tribuo_tinybert.onnx", "bert", "2", options).baseUri());
        StringBuilder request = new StringBuilder("{\"id\":\"b\",\"inputs\":[");
        for (String name : List.of("input_ids", "attention_mask", "token_type_ids")) {
            String data = name.equals("input_ids") ? "[[101,759,208,102],[101,1023,102,0]]"
                    : name.equals("attention_mask") ? "[[1,1,1,1],[1,1,1,0]]" : "[[0,0,0,0],[0,0,0,0]]";
            request.append(name.equals("input_ids") ? "" : ",").append("{\"name\":\"").append(name)
                    .append("\",\"shape\":[2,4],\"datatype\":\"INT64\",\"data\":").append(data).append('}');
        }
        request.append("],\"outputs\":[{\"name\":\"output_1\"}]}");
        HttpResponse<String> response = bert.postJson("/v2/models/bert/versions/2/infer", request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode outputs = HttpTestClient.json(response).path("outputs");
        assertThat(outputs.size()).isEqualTo(1);
        assertThat(outputs.get(0).path("name").asText()).isEqualTo("output_1");
        assertThat(outputs.get(0).path("shape").toString()).isEqualTo("[2,50]");
        JsonNode metadata = HttpTestClient.json(bert.get("/v2/models/bert"));
        assertThat(metadata.path("inputs").get(0).toString())
                .isEqualTo("{\"name\":\"input_ids\",\"datatype\":\"INT64\",\"shape\":[-1,-1]}");
    }

    @Test
    void titanicTakesStringsAndAnswersAFlattenedZipMap() throws Exception {
        String request = "{\"inputs\":["
                + "{\"name\":\"pclass\",\"shape\":[2,1],\"datatype\":\"BYTES\",\"data\":[\"1\",\"3\"]},"
                + "{\"name\":\"sex\",\"shape\":[2,1],\"datatype\":\"BYTES\",\"data\":[\"female\",\"male\"]},"
                + "{\"name\":\"age\",\"shape\":[2,1],\"datatype\":\"FP32\",\"data\":[29,40]},"
                + "{\"name\":\"fare\",\"shape\":[2,1],\"datatype\":\"FP32\",\"data\":[211.3,7.9]},"
                + "{\"name\":\"embarked\",\"shape\":[2,1],\"datatype\":\"BYTES\",\"data\":[\"S\",\"S\"]}]}";
        HttpResponse<String> response = titanic.postJson("/v2/models/titanic/infer", request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode outputs = HttpTestClient.json(response).path("outputs");
        assertThat(outputs.get(0).path("name").asText()).isEqualTo("output_label");
        assertThat(outputs.get(0).path("data").toString()).isEqualTo("[1,0]");
        JsonNode probability = outputs.get(1);
        assertThat(probability.path("shape").toString()).isEqualTo("[2,2]");
        assertThat(probability.path("parameters").path("zipmap_keys").toString()).isEqualTo("[0,1]");
        assertThat(probability.path("data").get(0).asDouble() + probability.path("data").get(1).asDouble())
                .isCloseTo(1.0, within(1e-5));
    }

    @Test
    void badInputIs400WithAMessageNamingTheProblem() throws Exception {
        assertError(iris.postJson("/v2/models/iris/infer", "{\"inputs\": [ {"), 400, "request body is not valid JSON");
        assertError(iris.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"INT64\",\"data\":[1,2,3,4]}]}"), 400, "input 'input'");
        assertError(iris.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,5],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3,4,5]}]}"), 400, "shape");
        assertError(iris.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}"), 400, "'x'");
        assertError(iris.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3,4]}],\"outputs\":[{\"name\":\"nope\"}]}"), 400,
                "unknown output 'nope'");
        assertError(iris.postJson("/v2/models/iris/infer", "[]"), 400, "JSON object");
        // The server is still fine afterwards.
        assertThat(iris.get("/v2/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void aHugeDeclaredShapeWithLittleDataIsA400NotAnAllocation() throws Exception {
        assertError(iris.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\","
                + "\"shape\":[536870909,4],\"datatype\":\"FP32\",\"data\":[1]}]}"), 400, "536870909");
        assertError(iris.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\","
                + "\"shape\":[4294967296,4],\"datatype\":\"FP32\",\"data\":[1]}]}"), 400, "input 'input'");
        assertError(iris.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\","
                + "\"shape\":[9223372036854775807,4],\"datatype\":\"FP32\",\"data\":[1]}]}"), 400, "input 'input'");
        assertThat(iris.get("/v2/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        ServerOptions small = ServerOptions.defaults().withAddress("127.0.0.1", 0).withLimits(200, 4);
        HttpTestClient client = new HttpTestClient(start("tribuo_iris_lr.onnx", "iris", "1", small).baseUri());
        String big = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}],"
                + "\"padding\":\"" + "x".repeat(500) + "\"}";
        assertError(client.postJson("/v2/models/iris/infer", big), 413, "at most 200 bytes");
        HttpResponse<String> mlflow = client.postJson("/invocations", "{\"inputs\":[[1,2,3,4]],\"p\":\""
                + "x".repeat(500) + "\"}");
        assertThat(mlflow.statusCode()).isEqualTo(413);
        assertThat(HttpTestClient.json(mlflow).path("error_code").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(client.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}").statusCode()).isEqualTo(200);
    }

    @Test
    void beyondTheInflightLimitRequestsGet503AndTheServerRecovers() throws Exception {
        ServerOptions one = ServerOptions.defaults().withAddress("127.0.0.1", 0).withLimits(1 << 20, 1);
        ModelServer server = start("tribuo_iris_lr.onnx", "iris", "1", one);
        HttpTestClient client = new HttpTestClient(server.baseUri());
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}";
        try (HttpTestClient.SlowRequest slow = new HttpTestClient.SlowRequest(server.baseUri(),
                "/v2/models/iris/infer", body, 20)) {
            waitForInflight(client, 1);
            HttpResponse<String> refused = client.postJson("/v2/models/iris/infer", body);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(HttpTestClient.json(refused).path("error").asText()).contains("--max-inflight");
            // Health checks and scrapes are not inference and still answer.
            assertThat(client.get("/v2/health/live").statusCode()).isEqualTo(200);
            assertThat(slow.finish()).startsWith("HTTP/1.1 200");
        }
        assertThat(client.postJson("/v2/models/iris/infer", body).statusCode()).isEqualTo(200);
    }

    @Test
    void aSlowClientDoesNotHoldUpOthers() throws Exception {
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}";
        List<HttpTestClient.SlowRequest> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                slow.add(new HttpTestClient.SlowRequest(irisServer.baseUri(), "/v2/models/iris/infer", body, 10));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> iris.postJson("/v2/models/iris/infer", body).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
            pool.shutdown();
            for (HttpTestClient.SlowRequest request : slow) {
                assertThat(request.finish()).startsWith("HTTP/1.1 200");
            }
        } finally {
            for (HttpTestClient.SlowRequest request : slow) {
                request.close();
            }
        }
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        iris.postJson("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"data\":[1,2,3,4]}]}");
        iris.get("/v2/models/nope");
        // A request is counted just after its answer is sent: give the count a moment to land.
        HttpResponse<String> metrics = iris.get("/metrics");
        for (int i = 0; i < 100 && !metrics.body().contains("endpoint=\"model_metadata\",status=\"404\""); i++) {
            Thread.sleep(10);
            metrics = iris.get("/metrics");
        }
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        String text = metrics.body();
        assertThat(text).contains("# TYPE cairn_requests_total counter",
                "cairn_requests_total{endpoint=\"infer\",status=\"200\"}",
                "cairn_requests_total{endpoint=\"model_metadata\",status=\"404\"}",
                "# TYPE cairn_request_duration_seconds histogram",
                "cairn_request_duration_seconds_bucket{endpoint=\"infer\",le=\"0.001\"}",
                "# TYPE cairn_inference_duration_seconds histogram", "cairn_inference_duration_seconds_count",
                "cairn_requests_in_flight", "cairn_startup_seconds",
                "cairn_model_info{cairn=", "name=\"iris\"", "version=\"3\"", "onnxruntime=\"" + BuildFacts.onnxRuntimeVersion() + "\"",
                "sha256=\"" + irisServer.model().sha256() + "\"",
                "jvm_memory_used_bytes", "jvm_threads_current", "process_cpu_seconds_total",
                "process_resident_memory_bytes");
    }

    @Test
    void everyInferenceIsInThePredictionLog() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> answer = iris.postJson("/v2/models/iris/infer", "{\"id\":\"logged-1\",\"inputs\":[{"
                + "\"name\":\"input\",\"shape\":[3,4],\"datatype\":\"FP32\",\"data\":" + IRIS_ROWS + "}]}");
        assertThat(answer.statusCode()).isEqualTo(200);
        String generatedId = iris.post("/invocations", "text/csv", "a,b,c,d\n5.1,3.5,1.4,0.2\n").headers()
                .firstValue("X-Request-Id").orElseThrow();
        assertThat(answer.headers().firstValue("X-Request-Id")).hasValue("logged-1");
        HttpResponse<String> log = iris.get("/v2/logs/predictions?since=" + before);
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.body().split("\n")) {
            lines.add(OipJson.mapper().readTree(line));
        }
        JsonNode infer = lines.stream().filter(line -> line.path("id").asText().equals("logged-1")).findFirst()
                .orElseThrow();
        assertThat(infer.path("model").asText()).isEqualTo("iris");
        assertThat(infer.path("version").asText()).isEqualTo("3");
        assertThat(infer.path("endpoint").asText()).isEqualTo("infer");
        assertThat(infer.path("latency_ms").asDouble()).isPositive();
        assertThat(infer.path("inputs").get(0).path("data").size()).isEqualTo(12);
        assertThat(infer.path("outputs").get(0).path("shape").toString()).isEqualTo("[3,3]");
        assertThat(lines).anyMatch(line -> line.path("endpoint").asText().equals("invocations")
                && line.path("id").asText().equals(generatedId));
        assertThat(iris.get("/v2/logs/predictions?since=" + Instant.now().plusSeconds(60)).body()).isEmpty();
        assertThat(iris.get("/v2/logs/predictions?limit=1").body().split("\n")).hasSize(1);
        assertError(iris.get("/v2/logs/predictions?since=yesterday"), 400, "since");
        assertError(iris.get("/v2/logs/predictions?limit=0"), 400, "limit");
        assertError(iris.get("/v2/logs/predictions?limit=-3"), 400, "limit");
        assertError(titanic.get("/v2/logs/predictions"), 404, "--log-dir");
    }

    private static void waitForInflight(HttpTestClient client, int expected) throws Exception {
        for (int i = 0; i < 500; i++) {
            String metrics = client.get("/metrics").body();
            if (metrics.contains("cairn_requests_in_flight " + expected + ".0")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the slow request never became in flight");
    }

    static void assertError(HttpResponse<String> response, int status, String messagePart) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(HttpTestClient.json(response).path("error").asText()).contains(messagePart);
    }
}
