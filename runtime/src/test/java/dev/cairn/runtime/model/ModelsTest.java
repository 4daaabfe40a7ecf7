package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.codec.CsvBatchReader;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.IoKind;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import dev.cairn.runtime.tensor.ZipMapTable;
import dev.cairn.runtime.testing.MnistDigits;
import dev.cairn.testdata.EnUsUtf8Locale;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Loads and runs every real model in {@code testdata/models}, checking signatures against testdata/MANIFEST.md. */
class ModelsTest {

    private static final RunnerOptions OPTIONS = new RunnerOptions(1);
    /** The model whose StringNormalizer needs the en_US.UTF-8 locale (MANIFEST.md says so). */
    private static final String TFIDF = "skl_pipeline_tfidf_string_text.onnx";

    private static Path model(String file) {
        return TestData.path("models").resolve(file);
    }

    /** The I/O signatures MANIFEST.md lists, as "name: type[dims]" ({@code ?} = unnamed free dimension). */
    static Stream<Arguments> manifest() {
        String zipMap = "output_probability: seq(map(int64,float))";
        return Stream.of(
                Arguments.of("tribuo_iris_lr.onnx", List.of("input: float[batch,4]"), List.of("output: float[batch,3]")),
                Arguments.of("skl_rf_iris_treeensemble_zipmap.onnx", List.of("float_input: float[?,4]"),
                        List.of("output_label: int64[?]", zipMap)),
                Arguments.of("skl_pipeline_titanic_mixed_string_float.onnx",
                        List.of("pclass: string[?,1]", "sex: string[?,1]", "age: float[?,1]", "fare: float[?,1]",
                                "embarked: string[?,1]"),
                        List.of("output_label: int64[?]", zipMap)),
                Arguments.of(TFIDF, List.of("input: string[?,2]"),
                        List.of("output_label: int64[?]", zipMap)),
                Arguments.of("tribuo_cnn_mnist.onnx", List.of("input_image: float[batch,1,28,28]"),
                        List.of("output_probs: float[batch,10]")),
                Arguments.of("tribuo_tinybert.onnx",
                        List.of("input_ids: int64[batch,sequence]", "attention_mask: int64[batch,sequence]",
                                "token_type_ids: int64[batch,sequence]"),
                        List.of("output_0: float[batch,sequence,50]", "output_1: float[batch,50]")),
                Arguments.of("ppocrv4_det.onnx",
                        List.of("x: float[p2o.DynamicDimension.0,3,p2o.DynamicDimension.1,p2o.DynamicDimension.2]"),
                        List.of("sigmoid_0.tmp_0: float[p2o.DynamicDimension.3,1,p2o.DynamicDimension.4,"
                                + "p2o.DynamicDimension.5]")),
                Arguments.of("light_squeezenet.onnx", List.of("data_0: float[1,3,224,224]"),
                        List.of("softmaxout_1: float[1,1000,1,1]")));
    }

    private static String signature(IoSpec spec) {
        return spec.kind() == IoKind.TENSOR
                ? spec.name() + ": " + spec.elementType().onnxName() + spec.shape()
                : spec.name() + ": " + spec.typeDescription();
    }

    @Test
    void manifestCoversEveryModelFile() throws IOException {
        try (Stream<Path> files = Files.list(TestData.path("models"))) {
            List<String> onnxFiles = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx")).sorted()
                    .toList();
            assertThat(onnxFiles).containsExactlyInAnyOrderElementsOf(
                    manifest().map(a -> (String) a.get()[0]).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifest")
    void loadsMatchesTheManifestAndRunsOnGeneratedInputs(String file, List<String> inputs, List<String> outputs)
            throws Exception {
        if (file.equals(TFIDF)) {
            EnUsUtf8Locale.assume();
        }
        try (ModelRunner runner = ModelRunner.open(model(file), OPTIONS)) {
            assertThat(runner.inputs()).extracting(ModelsTest::signature).containsExactlyElementsOf(inputs);
            assertThat(runner.outputs()).extracting(ModelsTest::signature).containsExactlyElementsOf(outputs);

            // Free dimensions are 1, except the OCR detector's H and W, which must be multiples of 32.
            List<Tensor> generated = SampleInputs.generate(runner.inputs(),
                    Map.of("p2o.DynamicDimension.1", 32L, "p2o.DynamicDimension.2", 32L));
            RunResult result = runner.run(generated);
            assertThat(result.outputs().keySet())
                    .containsExactlyElementsOf(runner.outputs().stream().map(IoSpec::name).toList());
            assertThat(result.inferenceNanos()).isPositive();
            for (IoSpec spec : runner.outputs()) {
                Value value = result.output(spec.name());
                if (value instanceof Tensor tensor) {
                    assertThat(spec.shape().accepts(tensor.shape())).as("%s shape %s fits %s", spec.name(),
                            java.util.Arrays.toString(tensor.shape()), spec.shape()).isTrue();
                    assertThat(tensor.type()).isEqualTo(spec.elementType());
                } else {
                    assertThat(ZipMapTable.isZipMap(value)).as(spec.name() + " is a ZipMap").isTrue();
                }
            }
        }
    }

    @Test
    void cnnClassifiesAllSixtyTwoMnistDigits() throws Exception {
        MnistDigits digits = MnistDigits.load();
        int count = digits.count();
        assertThat(count).isEqualTo(62);
        try (ModelRunner runner = ModelRunner.open(model("tribuo_cnn_mnist.onnx"), OPTIONS)) {
            Tensor probs = runner.run(List.of(Tensor.ofFloats("input_image", new long[] {count, 1, 28, 28},
                    digits.pixels()))).tensor("output_probs");
            assertThat(probs.shape()).containsExactly(count, 10);
            assertThat(digits.correct(probs.floats())).isEqualTo(62);
        }
    }

    @Test
    void randomForestReturnsLabelsAndAZipMapThatFlattens() throws Exception {
        float[] iris = {5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f, 5.9f, 3.0f, 4.2f, 1.5f};
        try (ModelRunner runner = ModelRunner.open(model("skl_rf_iris_treeensemble_zipmap.onnx"), OPTIONS)) {
            RunResult result = runner.run(List.of(Tensor.ofFloats("float_input", new long[] {3, 4}, iris)));
            Tensor labels = result.tensor("output_label");
            assertThat(labels.type()).isEqualTo(ElementType.INT64);
            assertThat(labels.shape()).containsExactly(3);
            assertThat(labels.longs()).containsExactly(0, 2, 1);

            ZipMapTable table = ZipMapTable.of((SequenceValue) result.output("output_probability"));
            assertThat(table.keys()).containsExactly(0L, 1L, 2L);
            assertThat(table.values().type()).isEqualTo(ElementType.FLOAT);
            assertThat(table.values().shape()).containsExactly(3, 3);
            for (int row = 0; row < 3; row++) {
                float sum = 0;
                for (int column = 0; column < 3; column++) {
                    sum += table.values().floats()[row * 3 + column];
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
            }
            // The same through the Open Inference Protocol: the ZipMap goes out as FP32 [N, K] with its keys.
            JsonNode request = OipJson.mapper().readTree("{\"id\": \"r-1\", \"inputs\": [{\"name\": \"float_input\","
                    + " \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [[5.1, 3.5, 1.4, 0.2]]}]}");
            ObjectNode response = runner.infer(request, "iris", "3");
            assertThat(response.get("model_name").asText()).isEqualTo("iris");
            assertThat(response.get("model_version").asText()).isEqualTo("3");
            assertThat(response.get("id").asText()).isEqualTo("r-1");
            JsonNode probability = response.get("outputs").get(1);
            assertThat(probability.get("name").asText()).isEqualTo("output_probability");
            assertThat(probability.get("datatype").asText()).isEqualTo("FP32");
            assertThat(probability.get("shape").toString()).isEqualTo("[1,3]");
            assertThat(probability.get("parameters").get("zipmap_keys").toString()).isEqualTo("[0,1,2]");
            assertThat(response.get("outputs").get(0).get("data").toString()).isEqualTo("[0]");
        }
    }

    @Test
    void titanicPipelineRunsFromCsvWithStringAndFloatColumns() throws Exception {
        String csv = "pclass,sex,age,fare,embarked\r\n1,female,29,211.3375,S\r\n3,male,30,8.05,S\r\n";
        try (ModelRunner runner = ModelRunner.open(model("skl_pipeline_titanic_mixed_string_float.onnx"), OPTIONS)) {
            List<Tensor> inputs = CsvBatchReader.read(csv, runner.inputs());
            assertThat(inputs).extracting(Tensor::name).containsExactly("pclass", "sex", "age", "fare", "embarked");
            assertThat(inputs.get(0).strings()).containsExactly("1", "3");
            assertThat(inputs.get(0).shape()).containsExactly(2, 1);
            assertThat(inputs.get(2).floats()).containsExactly(29f, 30f);

            RunResult result = runner.run(inputs);
            assertThat(result.tensor("output_label").longs()).containsExactly(1, 0);
            ZipMapTable table = ZipMapTable.of((SequenceValue) result.output("output_probability"));
            assertThat(table.keys()).containsExactly(0L, 1L);
            assertThat(table.values().shape()).containsExactly(2, 2);
        }
    }

    @Test
    void tfidfPipelineClassifiesText() throws Exception {
        EnUsUtf8Locale.assume();
        try (ModelRunner runner = ModelRunner.open(model(TFIDF), OPTIONS)) {
            RunResult result = runner.run(List.of(Tensor.ofStrings("input", new long[] {2, 2},
                    "Re: graphics card", "Which driver renders OpenGL fastest?", "Re: faith", "God and belief")));
            assertThat(result.tensor("output_label").shape()).containsExactly(2);
            ZipMapTable table = ZipMapTable.of((SequenceValue) result.output("output_probability"));
            assertThat(table.values().shape()).containsExactly(2, 2);
        }
    }
}
