package dev.cairn.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.codec.MlflowScoring.Request;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.MapValue;
import dev.cairn.runtime.tensor.OptionalValue;
import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import dev.cairn.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MlflowScoringTest {

    private static final String IRIS_ROWS = "[[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]";
    private static final Tensor IRIS_TENSOR = Tensor.ofFloats("input", new long[] {2, 4},
            5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f);
    private static final String TITANIC_RECORDS = "[{'pclass': '1', 'sex': 'female', 'age': 29, 'fare': 211.3375, "
            + "'embarked': 'S'}, {'pclass': '3', 'sex': 'male', 'age': null, 'fare': 7.25, 'embarked': 'S'}, "
            + "{'pclass': '2', 'sex': 'male', 'age': 2.5, 'fare': 30, 'embarked': 'C'}]";
    private static final String ONE_FIELD = "The input must be a JSON dictionary with exactly one of the input fields "
            + "{'dataframe_split', 'dataframe_records', 'instances', 'inputs'}. ";

    private static ModelRunner iris;
    private static ModelRunner titanic;
    private static ModelRunner forest;

    @BeforeAll
    static void openModels() throws Exception {
        iris = ModelRunner.open(TestData.path("models/tribuo_iris_lr.onnx"));
        titanic = ModelRunner.open(TestData.path("models/skl_pipeline_titanic_mixed_string_float.onnx"));
        forest = ModelRunner.open(TestData.path("models/skl_rf_iris_treeensemble_zipmap.onnx"));
    }

    @AfterAll
    static void closeModels() {
        for (ModelRunner runner : new ModelRunner[] {iris, titanic, forest}) {
            if (runner != null) {
                runner.close();
            }
        }
    }

    /** JSON written with single quotes, to keep the Java strings readable. */
    private static Request read(String json, ModelRunner model) {
        return MlflowScoring.readJson(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), model.inputs());
    }

    private static Map<String, Tensor> byName(Request request) {
        return request.inputs().stream().collect(Collectors.toMap(Tensor::name, Function.identity()));
    }

    private static JsonNode json(String text) throws Exception {
        return OipJson.mapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void irisDataframeSplitBecomesOneBatchMatrixAndPredictsPerRow() {
        Request request = read("{'dataframe_split': {'columns': ['sl', 'sw', 'pl', 'pw'], 'index': [7, 8], "
                + "'data': " + IRIS_ROWS + "}}", iris);
        assertThat(request.tabular()).isTrue();
        assertThat(request.rows()).isEqualTo(2);
        assertThat(request.params()).isNull();
        assertThat(request.inputs()).containsExactly(IRIS_TENSOR);

        JsonNode predictions = MlflowScoring.predictions(iris.run(request.inputs()).outputs(), request.tabular());
        assertThat(predictions.isArray()).isTrue();
        assertThat(predictions).hasSize(2);
        for (JsonNode row : predictions) {
            assertThat(row).hasSize(3);
            double sum = 0;
            for (JsonNode probability : row) {
                sum += probability.asDouble();
            }
            assertThat(sum).as("softmax row").isCloseTo(1.0, within(1e-5));
        }
        assertThat(predictions.get(0).get(0).asDouble()).as("5.1,3.5,1.4,0.2 is a setosa")
                .isGreaterThan(predictions.get(0).get(2).asDouble());
    }

    @Test
    void irisTensorFormsAndCsvDecodeToTheSameBatch() {
        for (String body : List.of("{'instances': " + IRIS_ROWS + "}", "{'inputs': {'input': " + IRIS_ROWS + "}}",
                "{'inputs': " + IRIS_ROWS + "}")) {
            Request request = read(body, iris);
            assertThat(request.inputs()).as(body).containsExactly(IRIS_TENSOR);
            assertThat(request.tabular()).isFalse();
            assertThat(request.rows()).isEqualTo(-1);
        }
        Request csv = MlflowScoring.readCsv("a,b,c,d\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n", iris.inputs());
        assertThat(csv.inputs()).containsExactly(IRIS_TENSOR);
        assertThat(csv.tabular()).isTrue();
        assertThat(csv.rows()).isEqualTo(2);
        assertThat(csv.params()).isNull();
    }

    @Test
    void titanicRecordsRunAndPredictOneRecordPerRow() {
        Request request = read("{'dataframe_records': " + TITANIC_RECORDS + "}", titanic);
        assertThat(request.tabular()).isTrue();
        assertThat(request.rows()).isEqualTo(3);
        Map<String, Tensor> inputs = byName(request);
        assertThat(inputs.keySet()).containsExactlyInAnyOrder("pclass", "sex", "age", "fare", "embarked");
        assertThat(inputs.get("age").shape()).containsExactly(3, 1);
        assertThat(inputs.get("age").floats()).containsExactly(29f, Float.NaN, 2.5f);
        assertThat(inputs.get("sex").strings()).containsExactly("female", "male", "male");

        Map<String, Value> outputs = titanic.run(request.inputs()).outputs();
        JsonNode predictions = MlflowScoring.predictions(outputs, true);
        assertThat(predictions).hasSize(3);
        for (JsonNode record : predictions) {
            assertThat(record.fieldNames()).toIterable().containsExactly("output_label", "output_probability");
            JsonNode probabilities = record.get("output_probability");
            assertThat(probabilities.fieldNames()).toIterable().containsExactly("0", "1");
            assertThat(probabilities.get("0").asDouble() + probabilities.get("1").asDouble())
                    .isCloseTo(1.0, within(1e-5));
            long label = probabilities.get("1").asDouble() > probabilities.get("0").asDouble() ? 1 : 0;
            assertThat(record.get("output_label").isIntegralNumber()).isTrue();
            assertThat(record.get("output_label").asLong()).isEqualTo(label);
        }

        JsonNode byOutput = MlflowScoring.predictions(outputs, false);
        assertThat(byOutput.fieldNames()).toIterable().containsExactly("output_label", "output_probability");
        assertThat(byOutput.get("output_label")).hasSize(3);
        assertThat(byOutput.get("output_probability").get(2)).isEqualTo(predictions.get(2).get("output_probability"));
    }

    @Test
    void titanicTableAndTensorFormsAgree() {
        Map<String, Tensor> records = byName(read("{'dataframe_records': " + TITANIC_RECORDS + "}", titanic));
        Map<String, Tensor> split = byName(read("{'dataframe_split': {'columns': ['embarked', 'fare', 'age', 'sex', "
                + "'pclass'], 'data': [['S', 211.3375, 29, 'female', '1'], ['S', 7.25, null, 'male', '3'], "
                + "['C', 30, 2.5, 'male', '2']]}}", titanic));
        String tensorRecords = TITANIC_RECORDS.replace("null", "'NaN'");
        Request instances = read("{'instances': " + tensorRecords + "}", titanic);
        Request inputs = read("{'inputs': {'pclass': ['1', '3', '2'], 'sex': ['female', 'male', 'male'], "
                + "'age': [29, 'NaN', 2.5], 'fare': [211.3375, 7.25, 30], 'embarked': ['S', 'S', 'C']}}", titanic);
        assertThat(split).isEqualTo(records);
        assertThat(byName(instances)).isEqualTo(records);
        assertThat(byName(inputs)).as("flat lists get the trailing 1 of [?,1]").isEqualTo(records);
        assertThat(instances.tabular()).isFalse();
        assertThat(instances.inputs()).extracting(Tensor::name)
                .as("tensor forms follow the model's input order")
                .containsExactly("pclass", "sex", "age", "fare", "embarked");
    }

    @Test
    void zipMapForestPredictsAsObjectOrRecords() {
        Request request = read("{'instances': " + IRIS_ROWS.replace("]]", "], [5.9, 3.0, 4.2, 1.5]]") + "}", forest);
        assertThat(request.inputs().get(0).shape()).containsExactly(3, 4);
        Map<String, Value> outputs = forest.run(request.inputs()).outputs();

        JsonNode byOutput = MlflowScoring.predictions(outputs, request.tabular());
        assertThat(byOutput.get("output_label").toString()).isEqualTo("[0,2,1]");
        JsonNode probabilities = byOutput.get("output_probability");
        assertThat(probabilities).hasSize(3);
        assertThat(probabilities.get(0).fieldNames()).toIterable().containsExactly("0", "1", "2");
        assertThat(probabilities.get(0).get("0").asDouble()).isGreaterThan(0.5);

        JsonNode records = MlflowScoring.predictions(outputs, true);
        assertThat(records).hasSize(3);
        assertThat(records.get(1).get("output_label").asLong()).isEqualTo(2);
        assertThat(records.get(1).get("output_probability")).isEqualTo(probabilities.get(1));
    }

    @Test
    void paramsAreKeptAndOtherFieldsIgnored() {
        Request request = read("{'inputs': " + IRIS_ROWS + ", 'params': {'threshold': 0.5}, 'note': 'x'}", iris);
        assertThat(request.params().get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(read("{'inputs': " + IRIS_ROWS + ", 'params': null}", iris).params()).isNull();
        assertThatThrownBy(() -> read("{'inputs': " + IRIS_ROWS + ", 'params': [1]}", iris))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'params' must be a JSON object {\"name\": value}, got an array [1]");
    }

    /** Compares as text, since the writer's FloatNodes never equal the parser's DoubleNodes. */
    private static void assertPredictions(Map<String, ? extends Value> outputs, boolean tabular, String expected)
            throws Exception {
        assertThat(MlflowScoring.predictions(outputs, tabular).toString()).isEqualTo(json(expected).toString());
    }

    @Test
    void predictionsWritePlainJson() throws Exception {
        Map<String, Value> outputs = new LinkedHashMap<>();
        outputs.put("score", Tensor.ofFloats("score", new long[] {}, 0.5f));
        assertPredictions(outputs, false, "0.5");
        outputs.put("score", Tensor.ofFloats("score", new long[] {2, 2}, 1f, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
        assertPredictions(outputs, true, "[[1.0, 'NaN'], ['Infinity', '-Infinity']]");
        outputs.put("score", Tensor.ofInt64("score", new long[] {0, 3}));
        assertPredictions(outputs, true, "[]");
        outputs.put("score", Tensor.ofDoubles("score", new long[] {2, 0}));
        assertPredictions(outputs, true, "[[], []]");

        outputs.put("words", Tensor.ofStrings("words", new long[] {2}, "a", "b"));
        outputs.put("flags", Tensor.ofBooleans("flags", new long[] {2, 1}, true, false));
        outputs.put("score", Tensor.ofInt64("score", new long[] {2}, 7, -1));
        assertPredictions(outputs, true,
                "[{'score': 7, 'words': 'a', 'flags': [true]}, {'score': -1, 'words': 'b', 'flags': [false]}]");
        assertPredictions(outputs, false, "{'score': [7, -1], 'words': ['a', 'b'], 'flags': [[true], [false]]}");
        outputs.put("words", Tensor.ofStrings("words", new long[] {3}, "a", "b", "c"));
        // Rows that do not line up fall back to the object form.
        assertPredictions(outputs, true, "{'score': [7, -1], 'words': ['a', 'b', 'c'], 'flags': [[true], [false]]}");

        MapValue map = new MapValue("m", Tensor.ofStrings("", new long[] {2}, "x", "y"),
                Tensor.ofDoubles("", new long[] {2}, 1.5, Double.NaN));
        Map<String, Value> others = new LinkedHashMap<>();
        others.put("map", map);
        others.put("none", new OptionalValue("none", null));
        others.put("list", new SequenceValue("list", List.of(Tensor.ofInt32("", new long[] {1}, 3),
                new OptionalValue("", Tensor.ofInt32("", new long[] {}, 4)))));
        assertPredictions(others, true, "{'map': {'x': 1.5, 'y': 'NaN'}, 'none': null, 'list': [[3], 4]}");
        assertPredictions(Map.of(), true, "{}");
    }

    @Test
    void errorBodyHasMlflowsShape() throws Exception {
        assertThat(MlflowScoring.error("BAD_REQUEST", "no")).isEqualTo(json("{'error_code': 'BAD_REQUEST', "
                + "'message': 'no'}"));
    }

    @Test
    void requestsWithoutExactlyOneInputFieldAreRejected() {
        assertThatThrownBy(() -> read("{'instances': [1], 'inputs': [1]}", iris))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(ONE_FIELD + "Received dictionary with input fields: ['instances', 'inputs']");
        assertThatThrownBy(() -> read("{'data': [1], 'params': {}}", iris))
                .hasMessage(ONE_FIELD + "Received dictionary with input fields: ['data', 'params']");
        assertThatThrownBy(() -> read("[[5.1, 3.5, 1.4, 0.2]]", iris))
                .hasMessage(ONE_FIELD + "Received an array [[5.1,3.5,1.4,0.2]]");
    }

    @Test
    void malformedJsonIsRejected() {
        assertThatThrownBy(() -> read("{'inputs': [1,}", iris)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("request body is not valid JSON: ")
                .hasMessageContaining("(line 1, column 15)");
        assertThatThrownBy(() -> read("{'inputs': [1]} x", iris))
                .hasMessageStartingWith("request body is not valid JSON: ");
        assertThatThrownBy(() -> read("  ", iris)).hasMessageStartingWith("request body is empty; ");
    }

    @Test
    void namedInputsMustBeTheModelsInputs() {
        assertThatThrownBy(() -> read("{'inputs': {'inptu': " + IRIS_ROWS + "}}", iris))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown input 'inptu'; the model's inputs are: input (FP32 [batch,4])");
        assertThatThrownBy(() -> read("{'inputs': {'pclass': ['1'], 'age': [3], 'fare': [1], 'embarked': ['S']}}",
                titanic)).hasMessage("'inputs' has no value for input 'sex'; the model's inputs are: pclass "
                        + "(BYTES [?,1]), sex (BYTES [?,1]), age (FP32 [?,1]), fare (FP32 [?,1]), embarked (BYTES [?,1])");
        assertThatThrownBy(() -> read("{'instances': [[1, 2]]}", titanic))
                .hasMessageStartingWith("'instances' without input names fits only a model with one input; this "
                        + "model has 5: pclass (BYTES [?,1]), ")
                .hasMessageEndingWith("; give each row as an object {\"input name\": value, ...}");
        assertThatThrownBy(() -> read("{'instances': [{'input': [1, 2, 3, 4]}, {'inputs': [1, 2, 3, 4]}]}", iris))
                .hasMessage("'instances' row 2 must be an object with the keys of row 1 [input], got keys [inputs]");
    }

    @Test
    void tensorDataMustBeRectangularAndFitTheDeclaredShape() {
        assertThatThrownBy(() -> read("{'instances': [[1, 2, 3, 4], [1, 2, 3]]}", iris))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input 'input' has nested data that is not rectangular: at depth 1 expected an array of "
                        + "4, got an array of 3");
        assertThatThrownBy(() -> read("{'inputs': [[1, 2, 3, 4], 5]}", iris))
                .hasMessage("input 'input' has nested data that is not rectangular: at depth 1 expected an array of "
                        + "4, got a number 5");
        assertThatThrownBy(() -> read("{'instances': [5.1, 3.5, 1.4, 0.2]}", iris))
                .hasMessage("input 'input' expects shape [batch,4] (rank 2), got [4] (rank 1)");
        assertThatThrownBy(() -> read("{'instances': [[5.1, 3.5, 1.4]]}", iris))
                .hasMessage("input 'input' expects shape [batch,4], got [1,3]: dimension 1 must be 4");
        assertThatThrownBy(() -> read("{'instances': [[5.1, 'x', 1.4, 0.2]]}", iris))
                .hasMessageStartingWith("input 'input' expects FP32 values (numbers, or \"NaN\"");
    }

    @Test
    void badDataframeCellsNameTheirRowAndColumn() {
        assertThatThrownBy(() -> read("{'dataframe_records': " + TITANIC_RECORDS.replace("2.5", "'abc'") + "}", titanic))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("dataframe row 3, column 'age': 'abc' is not a valid FP32 value for input 'age'");
        assertThatThrownBy(() -> read("{'dataframe_split': {'columns': ['a', 'b', 'c', 'd'], 'data': "
                + "[[1, 2, 3, 4], [5, [6, 7], 8, 9]]}}", iris))
                .hasMessage("dataframe row 2, column 'b': an array [6,7] is not a valid cell; a cell holds one number, "
                        + "string, boolean or null");
        assertThatThrownBy(() -> read("{'dataframe_records': [{'a': 1}, {'a': {'b': 2}}]}", iris))
                .hasMessageStartingWith("dataframe row 2, column 'a': an object {\"b\":2} is not a valid cell");
        assertThatThrownBy(() -> read("{'dataframe_records': [{'sl': 1, 'sw': 2}, {'sl': 1, 'pw': 2}]}", iris))
                .hasMessage("'dataframe_records' row 2 has columns [sl, pw], row 1 has [sl, sw]; every record needs "
                        + "the same columns");
        assertThatThrownBy(() -> read("{'dataframe_split': {'columns': ['a', 'b', 'c', 'd'], 'data': [[1, 2, 3]]}}",
                iris)).hasMessage("'dataframe_split' row 1 has 3 cells, 'columns' has 4 (a, b, c, d)");
        assertThatThrownBy(() -> read("{'dataframe_split': [[1, 2, 3, 4]]}", iris))
                .hasMessageStartingWith("'dataframe_split' must be an object {\"columns\": [...]");
    }

    @Test
    void dataframesThatFitNoInputRuleAreRejected() {
        assertThatThrownBy(() -> read("{'dataframe_split': {'columns': ['a', 'b', 'c'], 'data': [[1, 2, 3]]}}", iris))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("dataframe columns [a, b, c] do not fit the model's inputs input (FP32 [batch,4]) (columns "
                        + "that are not model inputs: a, b, c). Give one column per input, each input of shape [N] or "
                        + "[N,1]; or, for a model with a single [N,K] input, K columns");
        assertThatThrownBy(() -> read("{'dataframe_records': [{'pclass': '1', 'sex': 'male'}]}", titanic))
                .hasMessage("missing input 'age' (FP32 [?,1]); given: pclass, sex");
    }

    @Test
    void dataframeSplitWithoutColumnsNamesThemByPosition() {
        Request request = read("{'dataframe_split': {'data': " + IRIS_ROWS + "}}", iris);
        assertThat(request.inputs()).containsExactly(IRIS_TENSOR);
    }
}
