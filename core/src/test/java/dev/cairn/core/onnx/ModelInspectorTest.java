package dev.cairn.core.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.error.CairnException;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspector on the real models of testdata/, checked against the facts in their MANIFEST. */
class ModelInspectorTest {

    @Test
    void tribuoIrisCarriesRichMetadata() {
        ModelReport report = ModelInspector.inspect(TestData.model("tribuo_iris_lr.onnx"));
        assertThat(report.irVersion()).isEqualTo(6);
        assertThat(report.producerName()).isEqualTo("Tribuo");
        assertThat(report.producerVersion()).isEqualTo("4.2.0-SNAPSHOT");
        assertThat(report.graphName()).isEqualTo("Classification-LinearSGDModel");
        assertThat(report.domain()).isEqualTo("org.tribuo.interop.oci.test");
        assertThat(report.docString()).isNotBlank();
        assertThat(report.metadata()).containsKey("TRIBUO_PROVENANCE");
        assertThat(report.opsets()).containsExactlyEntriesOf(Map.of("ai.onnx", 13L));
        assertThat(report.opHistogram().keySet()).containsExactlyInAnyOrder("Gemm", "Softmax", "Identity");
        assertThat(report.inputs()).singleElement().satisfies(input -> {
            assertThat(input.name()).isEqualTo("input");
            assertThat(input.type()).isEqualTo("tensor(float)");
            assertThat(input.shape()).containsExactly("batch", "4");
        });
        assertThat(report.outputs()).extracting(ModelReport.ValueReport::shape).containsExactly(List.of("batch", "3"));
    }

    @Test
    void scikitLearnForestHasTheMlOpsetAndAZipMapOutput() {
        ModelReport report = ModelInspector.inspect(TestData.model("skl_rf_iris_treeensemble_zipmap.onnx"));
        assertThat(report.irVersion()).isEqualTo(7);
        assertThat(report.producerName()).isEqualTo("skl2onnx");
        assertThat(report.producerVersion()).isEqualTo("1.11.2");
        assertThat(report.opsets()).containsEntry("ai.onnx", 9L).containsEntry("ai.onnx.ml", 1L);
        assertThat(report.opHistogram().keySet()).containsExactlyInAnyOrder("Cast", "TreeEnsembleClassifier", "ZipMap");
        assertThat(report.inputs()).extracting(ModelReport.ValueReport::shape).containsExactly(List.of("?", "4"));
        assertThat(report.outputs()).extracting(ModelReport.ValueReport::type)
                .containsExactly("tensor(int64)", "seq(map(int64,tensor(float)))");
    }

    @Test
    void pipelinesAndNetworksMatchTheManifestCounts() {
        ModelReport titanic = ModelInspector.inspect(TestData.model("skl_pipeline_titanic_mixed_string_float.onnx"));
        assertThat(titanic.nodeCount()).isEqualTo(17);
        assertThat(titanic.opsets()).containsEntry("ai.onnx", 11L).containsEntry("ai.onnx.ml", 1L);
        assertThat(titanic.inputs()).extracting(ModelReport.ValueReport::name)
                .containsExactly("pclass", "sex", "age", "fare", "embarked");

        ModelReport tfidf = ModelInspector.inspect(TestData.model("skl_pipeline_tfidf_string_text.onnx"));
        assertThat(tfidf.opsets()).containsEntry("ai.onnx", 12L).containsEntry("com.microsoft", 1L)
                .containsEntry("ai.onnx.ml", 1L);
        assertThat(tfidf.parameterCount()).isEqualTo(697_857);
        assertThat(tfidf.opHistogram()).containsKeys("StringNormalizer", "Tokenizer", "TfIdfVectorizer");

        ModelReport cnn = ModelInspector.inspect(TestData.model("tribuo_cnn_mnist.onnx"));
        assertThat(cnn.irVersion()).isEqualTo(4);
        assertThat(cnn.opsets()).containsExactlyEntriesOf(Map.of("ai.onnx", 9L));
        assertThat(cnn.parameterCount()).isEqualTo(21_840);
        assertThat(cnn.initializerBytes()).isEqualTo(21_840L * 4);

        ModelReport bert = ModelInspector.inspect(TestData.model("tribuo_tinybert.onnx"));
        assertThat(bert.nodeCount()).isEqualTo(129);
        assertThat(bert.inputs()).extracting(ModelReport.ValueReport::name)
                .containsExactly("input_ids", "attention_mask", "token_type_ids");

        ModelReport ocr = ModelInspector.inspect(TestData.model("ppocrv4_det.onnx"));
        assertThat(ocr.nodeCount()).isEqualTo(672);
        assertThat(ocr.opHistogram()).containsEntry("Constant", 342);
        assertThat(ocr.initializerCount()).isZero();
        assertThat(ocr.constantTensorCount()).isEqualTo(342);
        assertThat(ocr.constantElements()).isGreaterThan(100_000);
        assertThat(ocr.parameterCount()).isZero();
        assertThat(ocr.inputs().get(0).shape())
                .containsExactly("p2o.DynamicDimension.0", "3", "p2o.DynamicDimension.1", "p2o.DynamicDimension.2");
    }

    @Test
    void oldModelsListingInitializersAsInputsShowOnlyTheRealInput() {
        ModelReport report = ModelInspector.inspect(TestData.model("light_squeezenet.onnx"));
        assertThat(report.irVersion()).isEqualTo(3);
        assertThat(report.inputs()).extracting(ModelReport.ValueReport::name).containsExactly("data_0");
    }

    @Test
    void subgraphsOfIfAndLoopAreCounted() {
        ModelReport report = ModelInspector.inspect(TestData.path("onnx-node-tests/test_if/model.onnx"));
        assertThat(report.subgraphCount()).isEqualTo(2);
        assertThat(report.opHistogram()).containsEntry("If", 1);
        assertThat(report.nodeCount()).isGreaterThan(1);
    }

    @Test
    void aFileThatIsNotOnnxGetsAClearMessage(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "this is not a model, just some text\n");
        assertThatThrownBy(() -> ModelInspector.inspect(text)).isInstanceOf(CairnException.class)
                .hasMessageContaining("notes.onnx is not an ONNX model");

        byte[] model = Files.readAllBytes(TestData.model("tribuo_cnn_mnist.onnx"));
        Path truncated = Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(model, model.length / 2));
        assertThatThrownBy(() -> ModelInspector.inspect(truncated)).isInstanceOf(CairnException.class)
                .hasMessageContaining("truncated.onnx is not an ONNX model");
    }

    /** A weight with a negative dimension (or one whose size overflows) is refused, not reported as "-15 bytes". */
    @Test
    void negativeOrOverflowingDimensionsAreRefused(@TempDir Path folder) throws IOException {
        for (List<Long> dims : List.of(List.of(3L, -5L), List.of(Long.MAX_VALUE, 4L))) {
            var tensor = dev.cairn.runtime.onnx.format.OnnxFormat.TensorProto.newBuilder().setName("w")
                    .setDataType(1).addAllDims(dims).build();
            var model = dev.cairn.runtime.onnx.format.OnnxFormat.ModelProto.newBuilder().setIrVersion(8)
                    .setGraph(dev.cairn.runtime.onnx.format.OnnxFormat.GraphProto.newBuilder().setName("g")
                            .addInitializer(tensor)).build();
            Path file = Files.write(folder.resolve("bad.onnx"), model.toByteArray());
            assertThatThrownBy(() -> ModelInspector.inspect(file)).as(dims.toString())
                    .isInstanceOf(CairnException.class).hasMessageContaining("not a valid ONNX model")
                    .hasMessageContaining("'w'").hasMessageNotContaining("bytes");
        }
    }
}
