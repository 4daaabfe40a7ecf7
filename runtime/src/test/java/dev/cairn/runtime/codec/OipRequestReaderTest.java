package dev.cairn.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader gives exactly what the tree reader gives: the same tensors, or the same error. */
class OipRequestReaderTest {

    private static ModelRunner iris;
    private static ModelRunner bert;
    private static ModelRunner titanic;

    @BeforeAll
    static void open() throws Exception {
        iris = ModelRunner.open(TestData.path("models/tribuo_iris_lr.onnx"));
        bert = ModelRunner.open(TestData.path("models/tribuo_tinybert.onnx"));
        titanic = ModelRunner.open(TestData.path("models/skl_pipeline_titanic_mixed_string_float.onnx"));
    }

    @AfterAll
    static void close() {
        iris.close();
        bert.close();
        titanic.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4,5.5,6,7,8e-3]}]}",
        "{\"id\":\"a\",\"inputs\":[{\"name\":\"input\",\"shape\":[2,4],\"datatype\":\"FP32\",\"data\":[[1,2,3,4],[5,6,7,8]]}],"
                + "\"outputs\":[{\"name\":\"output\",\"parameters\":{\"x\":1}}],\"parameters\":{\"p\":[1,{\"q\":2}]}}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[0,4],\"datatype\":\"FP32\",\"data\":[]}]}",
        "{\"inputs\":[{\"parameters\":{},\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}],"
                + "\"extra\":{\"ignored\":[1,2]}}",
        "{\"id\":null,\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[-0.0,1e38,-1e-40,3]}]}"})
    void commonRequestsTakeTheFastPathAndMatchTheTreeReader(String body) {
        InferenceRequest fast = OipRequestReader.readFast(bytes(body), iris.inputs());
        assertThat(fast).as("fast path taken").isNotNull();
        assertSame(fast, OipJson.readRequest(body, iris.inputs()));
    }

    @Test
    void decimalsParseToTheSameDoublesAsTheTreeReader() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                double value = switch (i % 5) {
                    case 0 -> random.nextInt(256);
                    case 1 -> random.nextFloat() * 10;
                    case 2 -> random.nextGaussian() * 1e6;
                    case 3 -> Math.round(random.nextDouble() * 1e9) / 1e6;
                    default -> -random.nextDouble();
                };
                String text = i % 3 == 0 ? Double.toString(value) : i % 3 == 1 ? Float.toString((float) value)
                        : String.format(java.util.Locale.ROOT, "%.7f", value);
                data.append(i == 0 ? "" : ",").append(text);
            }
            String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[250,4],\"datatype\":\"FP32\",\"data\":["
                    + data + "]}]}";
            InferenceRequest fast = OipRequestReader.readFast(bytes(body), iris.inputs());
            assertThat(fast).isNotNull();
            assertSame(fast, OipJson.readRequest(body, iris.inputs()));
        }
    }

    @Test
    void int64InputsTakeTheFastPath() {
        StringBuilder body = new StringBuilder("{\"inputs\":[");
        for (String name : List.of("input_ids", "attention_mask", "token_type_ids")) {
            body.append(name.equals("input_ids") ? "" : ",").append("{\"name\":\"").append(name)
                    .append("\",\"shape\":[1,3],\"datatype\":\"INT64\",\"data\":[[101,9223372036854775807,-5]]}");
        }
        body.append("]}");
        InferenceRequest fast = OipRequestReader.readFast(bytes(body.toString()), bert.inputs());
        assertThat(fast).isNotNull();
        assertSame(fast, OipJson.readRequest(body.toString(), bert.inputs()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // other field orders and value spellings go through the tree reader, with the same result
        "{\"inputs\":[{\"data\":[1,2,3,4],\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\"}]}",
        "{\"outputs\":[{\"name\":\"output\"}],\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,4],\"data\":[\"NaN\",\"Infinity\",2,3]}]}",
        "{\"id\":7,\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}"})
    void unusualButValidRequestsMatchTheTreeReader(String body) {
        assertSame(OipRequestReader.read(bytes(body), iris.inputs()), OipJson.readRequest(body, iris.inputs()));
    }

    /** Anything after the request's JSON object is refused, not ignored. */
    @ParameterizedTest
    @ValueSource(strings = {" trailing", " {}", ",", "]"})
    void dataAfterTheRequestIsRefused(String after) {
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}" + after;
        assertThat(catchThrowable(() -> OipRequestReader.read(bytes(body), iris.inputs())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void stringInputsMatchTheTreeReader() {
        String body = "{\"inputs\":[{\"name\":\"pclass\",\"shape\":[1,1],\"datatype\":\"BYTES\",\"data\":[\"1\"]},"
                + "{\"name\":\"sex\",\"shape\":[1,1],\"datatype\":\"BYTES\",\"data\":[\"male\"]},"
                + "{\"name\":\"age\",\"shape\":[1,1],\"datatype\":\"FP32\",\"data\":[40]},"
                + "{\"name\":\"fare\",\"shape\":[1,1],\"datatype\":\"FP32\",\"data\":[[7.5]]},"
                + "{\"name\":\"embarked\",\"shape\":[1,1],\"datatype\":\"BYTES\",\"data\":[\"S\"]}]}";
        assertSame(OipRequestReader.read(bytes(body), titanic.inputs()), OipJson.readRequest(body, titanic.inputs()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,4],\"datatype\":\"FP32\",\"data\":[[1,2,3,4],[5,6,7]]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP64\",\"data\":[1,2,3,4]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"data\":[1,2,3,4]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,\"x\"]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,1e39]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]},"
                + "{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}",
        "{\"inputs\":[{\"name\":\"other\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}",
        "{\"inputs\":[]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,-4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}",
        "{\"inputs\": [",
        "[]",
        ""})
    void mistakesGiveTheTreeReadersMessage(String body) {
        Throwable expected = catchThrowable(() -> OipJson.readRequest(OipJson.mapper().readTree(body), iris.inputs()));
        Throwable actual = catchThrowable(() -> OipRequestReader.read(bytes(body), iris.inputs()));
        assertThat(actual).isNotNull();
        if (expected instanceof com.fasterxml.jackson.core.JsonProcessingException
                || expected instanceof NullPointerException) {
            assertThat(actual).hasMessageStartingWith("request body");
        } else {
            assertThat(expected).isNotNull();
            assertThat(actual).hasSameClassAs(expected).hasMessage(expected.getMessage());
        }
    }

    private static void assertSame(InferenceRequest actual, InferenceRequest expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.parameters()).isEqualTo(expected.parameters());
        assertThat(actual.outputNames()).isEqualTo(expected.outputNames());
        assertThat(actual.inputs()).isEqualTo(expected.inputs()); // Tensor.equals compares name, type, shape, data
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
