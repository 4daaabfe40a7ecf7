package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.IoKind;
import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.UnsupportedTypeException;
import dev.cairn.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModelRunnerTest {

    private static final RunnerOptions ONE_THREAD = new RunnerOptions(1);

    private static Path model(String file) {
        return TestData.path("models").resolve(file);
    }

    private static Path nodeModel(String test) {
        return TestData.path("onnx-node-tests").resolve(test).resolve("model.onnx");
    }

    private static JsonNode json(String text) throws Exception {
        return OipJson.mapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void describesInputsAndOutputs() throws Exception {
        try (ModelRunner runner = ModelRunner.open(model("tribuo_cnn_mnist.onnx"), ONE_THREAD)) {
            assertThat(runner.displayName()).isEqualTo("tribuo_cnn_mnist.onnx");
            var input = runner.input("input_image").orElseThrow();
            assertThat(input.kind()).isEqualTo(IoKind.TENSOR);
            assertThat(input.shape().dims()).containsExactly(-1, 1, 28, 28);
            assertThat(input.shape().dimNames()).containsExactly("batch", null, null, null);
            assertThat(input.describe()).isEqualTo("FP32 [batch,1,28,28]");
            assertThat(runner.output("nope")).isEmpty();
        }
        byte[] bytes = Files.readAllBytes(model("light_squeezenet.onnx"));
        try (ModelRunner runner = ModelRunner.open(bytes, "squeezenet (memory)", ONE_THREAD)) {
            // IR 3 lists 53 graph inputs; only the real one is an input.
            assertThat(runner.inputs()).extracting(i -> i.name()).containsExactly("data_0");
        }
    }

    @Test
    void runChecksTensorsAgainstTheSignature() throws Exception {
        try (ModelRunner runner = ModelRunner.open(model("tribuo_iris_lr.onnx"), ONE_THREAD)) {
            assertThatThrownBy(() -> runner.run(List.of(Tensor.ofInt64("input", new long[] {1, 4}, 1, 2, 3, 4))))
                    .isInstanceOf(InvalidInputException.class).hasMessage("input 'input' expects FP32, got INT64");
            assertThatThrownBy(() -> runner.run(List.of(Tensor.ofFloats("input", new long[] {1, 3}, 1, 2, 3))))
                    .hasMessage("input 'input' expects shape [batch,4], got [1,3]: dimension 1 must be 4");
            assertThatThrownBy(() -> runner.run(List.of(Tensor.ofFloats("input", new long[] {4}, 1, 2, 3, 4))))
                    .hasMessage("input 'input' expects shape [batch,4] (rank 2), got [4] (rank 1)");
            assertThatThrownBy(() -> runner.run(List.of(Tensor.ofFloats("features", new long[] {1, 4}, 1, 2, 3, 4))))
                    .hasMessage("unknown input 'features'; the model's inputs are: input (FP32 [batch,4])");
            assertThatThrownBy(() -> runner.run(List.of())).hasMessage("missing input 'input' (FP32 [batch,4]); given: none");
            assertThatThrownBy(() -> runner.run(List.of(new SequenceValue("input", List.of()))))
                    .hasMessage("input 'input' expects a tensor (FP32 [batch,4]), got a sequence (seq(?))");
            Tensor good = Tensor.ofFloats("input", new long[] {2, 4}, 5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3f, 5.2f, 2.3f);
            assertThatThrownBy(() -> runner.run(List.of(good), List.of("probabilities"), null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("unknown output 'probabilities'; the model's outputs are: output (FP32 [batch,3])");
            RunResult result = runner.run(List.of(good), List.of("output"), new Cancellation());
            assertThat(result.tensor("output").shape()).containsExactly(2, 3);
        }
    }

    @Test
    void oipRequestsRunEndToEnd() throws Exception {
        try (ModelRunner runner = ModelRunner.open(model("tribuo_tinybert.onnx"), ONE_THREAD)) {
            ObjectNode response = runner.infer(json("{'id': 42, 'inputs': ["
                    + "{'name': 'input_ids', 'shape': [1, 3], 'datatype': 'INT64', 'data': [[101, 1500, 102]]},"
                    + "{'name': 'attention_mask', 'shape': [1, 3], 'datatype': 'INT64', 'data': [1, 1, 1]},"
                    + "{'name': 'token_type_ids', 'shape': [1, 3], 'datatype': 'INT64', 'data': [0, 0, 0]}],"
                    + " 'outputs': [{'name': 'output_1'}]}"), "tinybert", null);
            assertThat(response.get("id").asText()).isEqualTo("42");
            assertThat(response.get("outputs")).hasSize(1);
            JsonNode output = response.get("outputs").get(0);
            assertThat(output.get("name").asText()).isEqualTo("output_1");
            assertThat(output.get("shape").toString()).isEqualTo("[1,50]");
            assertThat(output.get("data")).hasSize(50);
            // A token id outside the tiny vocabulary passes validation but fails inside ONNX Runtime.
            List<Tensor> outOfVocabulary = List.of(Tensor.ofInt64("input_ids", new long[] {1, 1}, 7592),
                    Tensor.ofInt64("attention_mask", new long[] {1, 1}, 1),
                    Tensor.ofInt64("token_type_ids", new long[] {1, 1}, 0));
            assertThatThrownBy(() -> runner.run(outOfVocabulary)).isInstanceOf(InferenceException.class)
                    .hasMessageStartingWith("ONNX Runtime failed to run model 'tribuo_tinybert.onnx': ")
                    .hasMessageContaining("Gather");
        }
    }

    @Test
    void inputsJavaCannotCreateAreUnsupportedThroughEveryPath() throws Exception {
        try (ModelRunner runner = ModelRunner.open(nodeModel("test_add_uint16"), ONE_THREAD)) {
            assertThatThrownBy(() -> runner.infer(json("{'inputs': ["
                    + "{'name': 'x', 'shape': [3, 4, 5], 'datatype': 'UINT16', 'data': []},"
                    + "{'name': 'y', 'shape': [3, 4, 5], 'datatype': 'UINT16', 'data': []}]}"), "m", null))
                    .isInstanceOf(UnsupportedTypeException.class)
                    .hasMessage("input 'x' has type uint16, which ONNX Runtime's Java API cannot create");
            assertThatThrownBy(() -> SampleInputs.generate(runner.inputs(), Map.of()))
                    .isInstanceOf(UnsupportedTypeException.class);
        }
        try (ModelRunner runner = ModelRunner.open(nodeModel("test_sequence_insert_at_back"), ONE_THREAD)) {
            assertThat(runner.inputs().get(0).typeDescription()).isEqualTo("seq(tensor(int64))");
            assertThatThrownBy(() -> runner.run(List.of(new SequenceValue("sequence", List.of()),
                    Tensor.ofInt64("tensor", new long[] {3}, 1, 2, 3))))
                    .isInstanceOf(UnsupportedTypeException.class)
                    .hasMessage("input 'sequence' has type seq(tensor(int64)), which ONNX Runtime's Java API cannot create");
        }
        try (ModelRunner runner = ModelRunner.open(nodeModel("test_optional_has_element_optional_input"), ONE_THREAD)) {
            assertThat(runner.inputs().get(0).kind()).isEqualTo(IoKind.OPTIONAL);
            assertThatThrownBy(() -> runner.infer(json("{'inputs': [{'name': 'optional_input', 'shape': [1],"
                    + " 'datatype': 'FP32', 'data': [1]}]}"), "m", null))
                    .isInstanceOf(UnsupportedTypeException.class)
                    .hasMessage("input 'optional_input' has type optional(tensor(float)), which ONNX Runtime's Java API "
                            + "cannot create");
        }
        try (ModelRunner runner = ModelRunner.open(nodeModel("test_cast_FLOAT_to_INT4"), ONE_THREAD)) {
            assertThatThrownBy(() -> runner.run(SampleInputs.generate(runner.inputs(), Map.of())))
                    .isInstanceOf(UnsupportedTypeException.class)
                    .hasMessage("output 'output' has type int4, which ONNX Runtime's Java API cannot read");
        }
    }

    @Test
    void aCancelledTokenStopsTheRun() throws Exception {
        try (ModelRunner runner = ModelRunner.open(model("tribuo_iris_lr.onnx"), ONE_THREAD)) {
            Cancellation cancellation = new Cancellation();
            cancellation.cancel();
            List<Tensor> inputs = SampleInputs.generate(runner.inputs(), Map.of());
            assertThatThrownBy(() -> runner.run(inputs, List.of(), cancellation))
                    .isInstanceOf(InferenceCancelledException.class)
                    .hasMessage("inference on model 'tribuo_iris_lr.onnx' was cancelled");
            assertThat(runner.run(inputs).tensor("output").shape()).containsExactly(1, 3);
        }
    }

    @Test
    void cancelAllStopsARunningInferenceFromAnotherThread() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (ModelRunner runner = ModelRunner.open(model("ppocrv4_det.onnx"), ONE_THREAD)) {
            // About 0.2 s at 960x960 on one thread: long enough to be caught in flight.
            List<Tensor> big = SampleInputs.generate(runner.inputs(),
                    Map.of("p2o.DynamicDimension.1", 960L, "p2o.DynamicDimension.2", 960L));
            Throwable outcome = null;
            for (int attempt = 0; attempt < 3 && !(outcome instanceof InferenceCancelledException); attempt++) {
                Future<RunResult> running = executor.submit(() -> runner.run(big));
                Thread.sleep(60);
                runner.cancelAll();
                try {
                    running.get(30, TimeUnit.SECONDS);
                    outcome = null; // finished before the cancel landed; try again
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = e.getCause();
                }
            }
            assertThat(outcome).isInstanceOf(InferenceCancelledException.class);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void concurrentRunsShareOneSession() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try (ModelRunner runner = ModelRunner.open(model("tribuo_cnn_mnist.onnx"), ONE_THREAD)) {
            List<Future<RunResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int batch = 1 + i % 4;
                results.add(executor.submit(() -> runner.run(SampleInputs.generate(runner.inputs(),
                        Map.of("batch", (long) batch)))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get().tensor("output_probs").shape()).containsExactly(1 + i % 4, 10);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aClosedRunnerRefusesToRun() throws Exception {
        ModelRunner runner = ModelRunner.open(model("tribuo_iris_lr.onnx"), ONE_THREAD);
        List<Tensor> inputs = SampleInputs.generate(runner.inputs(), Map.of());
        runner.close();
        runner.close();
        assertThatThrownBy(() -> runner.run(inputs)).isInstanceOf(IllegalStateException.class)
                .hasMessage("model 'tribuo_iris_lr.onnx' is closed");
        assertThat(Set.of(runner.outputs().get(0).name())).containsExactly("output");
    }
}
