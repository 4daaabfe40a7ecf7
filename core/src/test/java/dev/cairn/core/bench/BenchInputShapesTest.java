package dev.cairn.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testdata.TestData;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.tensor.IoSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch and dimension settings against the declared shapes of the shared models. */
class BenchInputShapesTest {

    private static List<IoSpec> inputsOf(String model) throws Exception {
        try (ModelRunner runner = ModelRunner.open(TestData.model(model))) {
            return runner.inputs();
        }
    }

    @Test
    void theBatchSizeFillsTheCnnsFreeFirstDimension() throws Exception {
        Map<String, long[]> shapes = InputShapes.resolve(inputsOf("tribuo_cnn_mnist.onnx"), 8, Map.of());
        assertThat(shapes.get("input_image")).containsExactly(8, 1, 28, 28);
        assertThat(InputShapes.resolve(inputsOf("tribuo_cnn_mnist.onnx"), null, Map.of()).get("input_image"))
                .as("no batch given: 1, as onnxruntime_perf_test does").containsExactly(1, 1, 28, 28);
    }

    @Test
    void tinyBertsSequenceLengthComesByName() throws Exception {
        Map<String, long[]> shapes = InputShapes.resolve(inputsOf("tribuo_tinybert.onnx"), 2, Map.of("sequence", 16L));
        assertThat(shapes).containsOnlyKeys("input_ids", "attention_mask", "token_type_ids");
        shapes.values().forEach(shape -> assertThat(shape).containsExactly(2, 16));
    }

    @Test
    void theOcrModelsGeneratedDimensionNamesTakeSizes() throws Exception {
        Map<String, long[]> shapes = InputShapes.resolve(inputsOf("ppocrv4_det.onnx"), null,
                Map.of("p2o.DynamicDimension.1", 64L, "p2o.DynamicDimension.2", 96L));
        assertThat(shapes.get("x")).containsExactly(1, 3, 64, 96);
    }

    @Test
    void aFreeDimensionWithoutASizeIsNamedInTheError() {
        assertThatThrownBy(() -> InputShapes.resolve(inputsOf("tribuo_tinybert.onnx"), 1, Map.of()))
                .isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("'sequence'").hasMessageContaining("give it one as sequence=N");
    }

    @Test
    void aBatchOnAFixedFirstDimensionIsRefused() {
        assertThatThrownBy(() -> InputShapes.resolve(inputsOf("light_squeezenet.onnx"), 8, Map.of()))
                .isInstanceOf(BenchmarkException.class)
                .hasMessage("input 'data_0' has a fixed first dimension 1 ([1,3,224,224]); a batch size cannot change it");
    }

    @Test
    void anUnknownDimensionNameListsTheModelsFreeDimensions() {
        assertThatThrownBy(() -> InputShapes.resolve(inputsOf("tribuo_tinybert.onnx"), 1, Map.of("seq", 16L)))
                .isInstanceOf(BenchmarkException.class)
                .hasMessage("the model has no free dimension named 'seq'; its free dimensions are batch, sequence");
        assertThatThrownBy(() -> InputShapes.resolve(inputsOf("light_squeezenet.onnx"), null, Map.of("batch", 2L)))
                .hasMessageContaining("all its input dimensions are fixed");
    }

    @Test
    void anUnnamedFreeDimensionIsGivenAsInputAndAxis() throws Exception {
        List<IoSpec> inputs = List.of(IoSpec.tensor("x", dev.cairn.runtime.tensor.ElementType.FLOAT,
                new dev.cairn.runtime.tensor.Shape(new long[] {-1, -1}, new String[2])));
        assertThat(InputShapes.resolve(inputs, 4, Map.of("x:1", 7L)).get("x")).containsExactly(4, 7);
        assertThatThrownBy(() -> InputShapes.resolve(inputs, 4, Map.of()))
                .hasMessageContaining("at axis 1").hasMessageContaining("give it one as x:1=N");
    }
}
