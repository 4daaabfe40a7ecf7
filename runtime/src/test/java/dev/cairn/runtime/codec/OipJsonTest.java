package dev.cairn.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.HalfFloats;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.IoKind;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.MapValue;
import dev.cairn.runtime.tensor.OptionalValue;
import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Shape;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.UnsupportedTypeException;
import dev.cairn.runtime.tensor.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OipJsonTest {

    private static final Shape BATCH_BY_2 = new Shape(new long[] {-1, 2}, new String[] {"batch", null});
    private static final IoSpec X = IoSpec.tensor("x", ElementType.FLOAT, BATCH_BY_2);
    private static final IoSpec IDS = IoSpec.tensor("ids", ElementType.INT64, new Shape(new long[] {-1}, new String[1]));
    private static final List<IoSpec> MODEL = List.of(X, IDS);

    private static JsonNode json(String text) throws Exception {
        return OipJson.mapper().readTree(text.replace('\'', '"'));
    }

    private static Tensor decode(String datatype, String shape, String data, IoSpec spec) throws Exception {
        return OipJson.readTensor(json("{'name': '" + (spec == null ? "t" : spec.name()) + "', 'datatype': '"
                + datatype + "', 'shape': " + shape + ", 'data': " + data + "}"), spec);
    }

    private static String request(String xInput, String idsInput) {
        return "{'inputs': [" + xInput + (idsInput == null ? "" : ", " + idsInput) + "]}";
    }

    private static final String GOOD_X = "{'name': 'x', 'shape': [1, 2], 'datatype': 'FP32', 'data': [1, 2]}";
    private static final String GOOD_IDS = "{'name': 'ids', 'shape': [1], 'datatype': 'INT64', 'data': [7]}";

    private static void assertRejected(String body, String message) {
        assertThatThrownBy(() -> OipJson.readRequest(json(body), MODEL))
                .isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "FP32   | [1.5, 'NaN', 'Infinity', '-Infinity'] | [1.5,'NaN','Infinity','-Infinity']",
        "FP64   | [0.1, -2, 'nan', 1e300]               | [0.1,-2.0,'NaN',1.0E300]",
        "FP16   | [0.1, 65519, -0.0, 'Infinity']        | [0.099975586,65504.0,-0.0,'Infinity']",
        "BF16   | [1.00390625, 3, 1.01171875, 'NaN']    | [1.0,3.0,1.015625,'NaN']",
        "INT8   | [-128, 127, 0, 2.0]                   | [-128,127,0,2]",
        "UINT8  | [0, 255, 128, 1]                      | [0,255,128,1]",
        "INT16  | [-32768, 32767, 0, -1]                | [-32768,32767,0,-1]",
        "INT32  | [-2147483648, 2147483647, 0, 5]       | [-2147483648,2147483647,0,5]",
        "INT64  | [-9223372036854775808, 9223372036854775807, 0, 5] | [-9223372036854775808,9223372036854775807,0,5]",
        "BOOL   | [true, false, 0, 1]                   | [true,false,false,true]",
        "BYTES  | ['a', '', 'ünï', 'x,y']               | ['a','','ünï','x,y']",
    })
    void everyBuildableTypeRoundTrips(String datatype, String data, String written) throws Exception {
        Tensor tensor = decode(datatype, "[2, 2]", data, null);
        assertThat(tensor.type().oipDatatype()).isEqualTo(datatype);
        assertThat(tensor.shape()).containsExactly(2, 2);
        ObjectNode out = OipJson.writeTensor(tensor);
        assertThat(out.get("datatype").asText()).isEqualTo(datatype);
        assertThat(out.get("shape").toString()).isEqualTo("[2,2]");
        assertThat(out.get("data").toString()).isEqualTo(written.replace('\'', '"'));
        // Reading what we wrote gives the same tensor back.
        assertThat(OipJson.readTensor(out, null)).isEqualTo(tensor);
    }

    @Test
    void halfPrecisionValuesAreRoundedToNearestEvenWhenRead() throws Exception {
        Tensor half = decode("FP16", "[3]", "[0.1, 1.00048828125, 1.00146484375]", null);
        assertThat(half.floats()).containsExactly(HalfFloats.roundToFloat16(0.1f), 1f, 1.001953125f);
        Tensor bfloat = decode("BF16", "[2]", "[1.00390625, 1.01171875]", null);
        assertThat(bfloat.floats()).containsExactly(1f, 1.015625f);
        assertThatThrownBy(() -> decode("FP16", "[1]", "[70000]", null))
                .hasMessage("input 't' expects FP16 values (at most 65504.0 in magnitude), got 70000 at index 0");
    }

    @Test
    void scalarsAndEmptyTensors() throws Exception {
        assertThat(decode("INT32", "[]", "5", null)).isEqualTo(Tensor.ofInt32("t", new long[0], 5));
        assertThat(decode("INT32", "[]", "[5]", null)).isEqualTo(Tensor.ofInt32("t", new long[0], 5));
        Tensor empty = decode("FP32", "[2, 0]", "[]", null);
        assertThat(empty.elementCount()).isZero();
        assertThat(OipJson.writeTensor(empty).toString())
                .isEqualTo("{\"name\":\"t\",\"shape\":[2,0],\"datatype\":\"FP32\",\"data\":[]}");
        assertThat(OipJson.writeTensor(Tensor.ofStrings("s", new long[0], "hi")).toString())
                .isEqualTo("{\"name\":\"s\",\"shape\":[],\"datatype\":\"BYTES\",\"data\":[\"hi\"]}");
    }

    @Test
    void nestedAndFlatDataAreTheSame() throws Exception {
        Tensor flat = decode("FP32", "[2, 2]", "[1, 2, 3, 4]", X);
        Tensor nested = decode("FP32", "[2, 2]", "[[1, 2], [3, 4]]", X);
        assertThat(nested).isEqualTo(flat);
        assertThat(decode("INT64", "[2, 1, 2]", "[[[1, 2]], [[3, 4]]]", null).longs()).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> decode("FP32", "[2, 2]", "[[1, 2, 3], [4]]", X))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input 'x' has nested 'data' that does not follow shape [2,2]: at depth 1 expected 2 "
                        + "entries, got 3 entries");
    }

    @Test
    void readsAFullRequest() throws Exception {
        InferenceRequest request = OipJson.readRequest(json("{'id': 'abc', 'parameters': {'p': 1}, 'inputs': ["
                + GOOD_IDS + ", " + GOOD_X + "], 'outputs': [{'name': 'y'}]}"), MODEL);
        assertThat(request.id()).isEqualTo("abc");
        assertThat(request.parameters().get("p").asInt()).isEqualTo(1);
        assertThat(request.inputs()).extracting(Tensor::name).containsExactly("ids", "x");
        assertThat(request.outputNames()).containsExactly("y");
        assertThat(OipJson.readRequest(json(request(GOOD_X, GOOD_IDS)), MODEL).id()).isNull();
    }

    @Test
    void namesAreChecked() {
        assertRejected(request(GOOD_X, "{'name': 'idz', 'shape': [1], 'datatype': 'INT64', 'data': [7]}"),
                "unknown input 'idz'; the model's inputs are: x (FP32 [batch,2]), ids (INT64 [?])");
        assertRejected(request(GOOD_X, null), "missing input 'ids' (INT64 [?]); given: x");
        assertRejected(request(GOOD_X, GOOD_X), "input 'x' is given more than once");
        assertRejected("{'inputs': {}}", "request has no 'inputs' array");
        assertRejected("[1]", "request body must be a JSON object");
        assertThatThrownBy(() -> OipJson.readRequest("{not json", MODEL)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("request body is not valid JSON");
    }

    @Test
    void datatypeShapeAndCountAreChecked() {
        assertRejected(request("{'name': 'x', 'shape': [1, 2], 'datatype': 'INT64', 'data': [1, 2]}", GOOD_IDS),
                "input 'x' expects FP32, got INT64");
        assertRejected(request("{'name': 'x', 'shape': [1, 2], 'datatype': 'FP8', 'data': [1, 2]}", GOOD_IDS),
                "input 'x' has unknown datatype 'FP8'; the protocol's datatypes are FP32, UINT8, INT8, INT16, INT32, "
                        + "INT64, BYTES, BOOL, FP16, FP64, BF16");
        assertRejected(request("{'name': 'x', 'shape': [2], 'datatype': 'FP32', 'data': [1, 2]}", GOOD_IDS),
                "input 'x' expects shape [batch,2] (rank 2), got [2] (rank 1)");
        assertRejected(request("{'name': 'x', 'shape': [1, 3], 'datatype': 'FP32', 'data': [1, 2, 3]}", GOOD_IDS),
                "input 'x' expects shape [batch,2], got [1,3]: dimension 1 must be 2");
        assertRejected(request("{'name': 'x', 'shape': [2, 2], 'datatype': 'FP32', 'data': [1, 2, 3]}", GOOD_IDS),
                "input 'x' has shape [2,2] (4 values) but 'data' holds 3 values");
        assertRejected(request("{'name': 'x', 'shape': [1, -2], 'datatype': 'FP32', 'data': [1, 2]}", GOOD_IDS),
                "input 'x' has an invalid 'shape' [1,-2]: dimensions must be non-negative integers");
        assertRejected(request("{'name': 'x', 'shape': [1, 2], 'data': [1, 2]}", GOOD_IDS),
                "input 'x' has no 'datatype' (expects FP32)");
    }

    @Test
    void valuesMustFitTheirType() throws Exception {
        assertThatThrownBy(() -> decode("INT8", "[3]", "[1, 2, 300]", null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("input 't' expects INT8 values, got 300 at index 2 (INT8 holds -128..127)");
        assertThatThrownBy(() -> decode("UINT8", "[1]", "[-1]", null))
                .hasMessage("input 't' expects UINT8 values, got -1 at index 0 (UINT8 holds 0..255)");
        assertThatThrownBy(() -> decode("FP32", "[2]", "[1, 'abc']", null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("input 't' expects FP32 values (numbers, or \"NaN\", \"Infinity\", \"-Infinity\"), got "
                        + "string \"abc\" at index 1");
        assertThatThrownBy(() -> decode("INT32", "[1]", "[1.5]", null))
                .hasMessage("input 't' expects INT32 values (integers), got 1.5 at index 0");
        assertThatThrownBy(() -> decode("INT64", "[1]", "[9223372036854775808]", null))
                .hasMessageContaining("INT64 holds -9223372036854775808..9223372036854775807");
        assertThatThrownBy(() -> decode("BOOL", "[1]", "[2]", null))
                .hasMessage("input 't' expects BOOL values (true/false or 0/1), got 2 at index 0");
        assertThatThrownBy(() -> decode("BYTES", "[1]", "[5]", null))
                .hasMessage("input 't' expects BYTES values (strings), got 5 at index 0");
        assertThatThrownBy(() -> decode("FP32", "[1]", "[null]", null)).hasMessageContaining("got null at index 0");
    }

    @Test
    void typesJavaCannotCreateAreRejectedAsUnsupported() {
        IoSpec uint16 = IoSpec.tensor("x", ElementType.UINT16, Shape.of(2));
        IoSpec sequence = new IoSpec("s", IoKind.SEQUENCE, ElementType.INT64, null, Shape.UNKNOWN_RANK,
                "seq(tensor(int64))");
        IoSpec optional = new IoSpec("o", IoKind.OPTIONAL, ElementType.FLOAT, null, Shape.UNKNOWN_RANK,
                "optional(tensor(float))");
        assertThatThrownBy(() -> decode("UINT16", "[2]", "[1, 2]", uint16)).isInstanceOf(UnsupportedTypeException.class)
                .hasMessage("input 'x' has type uint16, which ONNX Runtime's Java API cannot create");
        assertThatThrownBy(() -> decode("INT64", "[2]", "[1, 2]", sequence)).isInstanceOf(UnsupportedTypeException.class)
                .hasMessage("input 's' has type seq(tensor(int64)), which ONNX Runtime's Java API cannot create");
        assertThatThrownBy(() -> decode("FP32", "[1]", "[1]", optional)).isInstanceOf(UnsupportedTypeException.class)
                .hasMessage("input 'o' has type optional(tensor(float)), which ONNX Runtime's Java API cannot create");
        assertThatThrownBy(() -> decode("UINT32", "[1]", "[1]", null)).isInstanceOf(UnsupportedTypeException.class)
                .hasMessage("input 't' has type uint32, which ONNX Runtime's Java API cannot create");
    }

    @Test
    void writesSequencesMapsAndOptionals() throws Exception {
        Tensor keys = Tensor.ofStrings("", new long[] {2}, "cat", "dog");
        SequenceValue zipMap = new SequenceValue("probs", List.of(
                new MapValue("", keys, Tensor.ofFloats("", new long[] {2}, 0.25f, 0.75f)),
                new MapValue("", keys, Tensor.ofFloats("", new long[] {2}, 1f, 0f))));
        SequenceValue tensors = new SequenceValue("parts", List.of(Tensor.ofInt64("", new long[] {1}, 1),
                Tensor.ofInt64("", new long[] {2}, 2, 3)));
        MapValue map = new MapValue("counts", Tensor.ofInt64("", new long[] {2}, 4, 9),
                Tensor.ofDoubles("", new long[] {2}, 0.5, 1.5));
        Map<String, Value> outputs = new LinkedHashMap<>();
        outputs.put("probs", zipMap);
        outputs.put("parts", tensors);
        outputs.put("counts", map);
        outputs.put("maybe", new OptionalValue("maybe", Tensor.ofBooleans("", new long[] {1}, true)));
        outputs.put("none", new OptionalValue("none", null));
        ObjectNode response = OipJson.writeResponse("m", null, "req-7", outputs);

        assertThat(response.has("model_version")).isFalse();
        assertThat(response.get("id").asText()).isEqualTo("req-7");
        assertThat(response.get("outputs").toString()).isEqualTo(json("["
                + "{'name': 'probs', 'shape': [2, 2], 'datatype': 'FP32', 'data': [0.25, 0.75, 1.0, 0.0],"
                + " 'parameters': {'zipmap_keys': ['cat', 'dog']}},"
                + "{'name': 'parts[0]', 'shape': [1], 'datatype': 'INT64', 'data': [1]},"
                + "{'name': 'parts[1]', 'shape': [2], 'datatype': 'INT64', 'data': [2, 3]},"
                + "{'name': 'counts', 'shape': [2], 'datatype': 'FP64', 'data': [0.5, 1.5],"
                + " 'parameters': {'map_keys': [4, 9]}},"
                + "{'name': 'maybe', 'shape': [1], 'datatype': 'BOOL', 'data': [true]}]").toString());
    }
}
