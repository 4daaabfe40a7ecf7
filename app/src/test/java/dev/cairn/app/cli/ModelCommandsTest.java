package dev.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn models register}, {@code inspect} and {@code predict} on the real models of testdata/. */
class ModelCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return CairnCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("CAIRN_HOME", folder.resolve("home").toString()));
    }

    @Test
    void theCnnGetsAllSixtyTwoMnistDigitsRightThroughPredict() throws IOException {
        List<Integer> labels = new ArrayList<>();
        ObjectNode request = JSON.createObjectNode();
        ObjectNode input = request.putArray("inputs").addObject().put("name", "input_image").put("datatype", "FP32");
        List<String> lines = Files.readAllLines(TestData.model("tribuo_mnist_test_head.libsvm"));
        input.putArray("shape").add(lines.size()).add(1).add(28).add(28);
        ArrayNode data = input.putArray("data");
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            labels.add((int) Double.parseDouble(parts[0]));
            float[] pixels = new float[784];
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].split(":");
                pixels[Integer.parseInt(pair[0]) - 1] = Float.parseFloat(pair[1]);
            }
            for (float pixel : pixels) {
                data.add(pixel);
            }
        }
        Path requestFile = Files.writeString(folder.resolve("digits.json"), request.toString());

        assertThat(run("models", "register", TestData.model("tribuo_cnn_mnist.onnx").toString(), "--name", "mnist",
                "--description", "small CNN")).isZero();
        assertThat(out.toString()).startsWith("Registered mnist version 1 from tribuo_cnn_mnist.onnx (88,469 bytes, sha256 ");

        assertThat(run("predict", "mnist:1", "--input", requestFile.toString(), "--json")).as(err.toString()).isZero();
        JsonNode response = JSON.readTree(out.toString());
        assertThat(response.path("model_name").asText()).isEqualTo("mnist");
        assertThat(response.path("model_version").asText()).isEqualTo("1");
        JsonNode probs = response.path("outputs").get(0);
        assertThat(probs.path("name").asText()).isEqualTo("output_probs");
        assertThat(probs.path("shape")).extracting(JsonNode::asInt).containsExactly(62, 10);
        int correct = 0;
        for (int row = 0; row < 62; row++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (probs.path("data").get(row * 10 + c).asDouble() > probs.path("data").get(row * 10 + best).asDouble()) {
                    best = c;
                }
            }
            correct += best == labels.get(row) ? 1 : 0;
        }
        assertThat(correct).isEqualTo(62);
    }

    @Test
    void aScikitLearnPipelineRunsFromCsvWithZipMapProbabilitiesAsColumns() throws IOException {
        Path csv = Files.writeString(folder.resolve("passengers.csv"),
                "pclass,sex,age,fare,embarked\n1,female,29,211.3375,S\n3,male,30,8.05,S\n");
        assertThat(run("predict", TestData.model("skl_pipeline_titanic_mixed_string_float.onnx").toString(),
                "--input", csv.toString())).as(err.toString()).isZero();
        List<String> table = out.toString().lines().toList();
        assertThat(table.get(0)).isEqualTo("output_label,output_probability[0],output_probability[1]");
        assertThat(table).hasSize(3);
        for (String row : table.subList(1, 3)) {
            String[] cells = row.split(",");
            assertThat(Double.parseDouble(cells[1]) + Double.parseDouble(cells[2])).isCloseTo(1.0,
                    org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThat(err.toString()).contains("Inference took");
    }

    @Test
    void inspectPrintsTextAndJson() throws IOException {
        assertThat(run("inspect", TestData.model("tribuo_tinybert.onnx").toString())).isZero();
        assertThat(out.toString()).contains("IR version:", "Opsets:        ai.onnx 11",
                "input_ids: tensor(int64) [batch, sequence]", "Nodes: 129");
        assertThat(run("inspect", TestData.model("tribuo_tinybert.onnx").toString(), "--json")).isZero();
        JsonNode report = JSON.readTree(out.toString());
        assertThat(report.path("nodeCount").asInt()).isEqualTo(129);
        assertThat(report.path("opsets").path("ai.onnx").asInt()).isEqualTo(11);
    }

    @Test
    void badInputsGetOneLineNamingWhatIsWrong() throws IOException {
        Path notModel = Files.writeString(folder.resolve("notes.onnx"), "hello");
        assertThat(run("models", "register", notModel.toString(), "--name", "x")).isEqualTo(1);
        assertThat(err.toString()).startsWith("cairn: notes.onnx is not an ONNX model");

        Path wrongName = Files.writeString(folder.resolve("wrong.json"),
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}]}");
        assertThat(run("predict", TestData.model("tribuo_iris_lr.onnx").toString(), "--input", wrongName.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("cairn: unknown input 'x'").contains("input");

        Path wrongShape = Files.writeString(folder.resolve("shape.json"),
                "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}");
        assertThat(run("predict", TestData.model("tribuo_iris_lr.onnx").toString(), "--input", wrongShape.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("'input'").contains("4").contains("3");

        assertThat(run("predict", "nosuch:1", "--input", wrongName.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nosuch");
    }
}
