package dev.cairn.runtime.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.HalfFloats;
import dev.cairn.runtime.tensor.InputValidator;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.MapValue;
import dev.cairn.runtime.tensor.OptionalValue;
import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Shape;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import dev.cairn.runtime.tensor.ZipMapTable;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and writes Open Inference Protocol (KServe V2) REST bodies with Jackson.
 *
 * <p>Requests: {@code {"id"?, "parameters"?, "inputs": [{"name", "shape", "datatype", "parameters"?, "data"}],
 * "outputs"?: [{"name"}]}}, data row-major, flat or nested; strings for BYTES; true/false or 0/1 for BOOL; numbers or
 * the strings "NaN", "Infinity", "-Infinity" for floating-point types.
 *
 * <p>Responses: {@code {"model_name", "model_version"?, "id"?, "outputs": [{"name", "shape", "datatype", "data",
 * "parameters"?}]}}. Values the protocol has no tensor for are mapped as follows:
 * <ul>
 *   <li>a ZipMap (sequence of maps, see {@link ZipMapTable}) becomes an FP32 (or FP64) tensor [N, K] with
 *       {@code "parameters": {"zipmap_keys": [...]}}, the keys as they are (numbers or strings);</li>
 *   <li>any other sequence becomes one output per element, named {@code name[i]} (nested: {@code name[i][j]});
 *       an empty sequence writes no output;</li>
 *   <li>a map becomes a 1-D tensor of its values with {@code "parameters": {"map_keys": [...]}};</li>
 *   <li>an optional becomes its value under the same name, and is left out when empty.</li>
 * </ul>
 */
public final class OipJson {

    /** A body is one JSON value: anything after it is refused, not ignored (a client's mistake, or a smuggled one). */
    private static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OipJson() {
    }

    /** The shared Jackson mapper (thread-safe). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a request body text; see {@link #readRequest(JsonNode, List)}. */
    public static InferenceRequest readRequest(String body, List<IoSpec> modelInputs) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("request body is not valid JSON: " + e.getOriginalMessage());
        }
        return readRequest(tree, modelInputs);
    }

    /**
     * Decodes a request body, checking it against the model's inputs when {@code modelInputs} is not null: unknown,
     * duplicate and missing names, types ONNX Runtime's Java API cannot build, datatype, shape, data count, and
     * every value against its type, in that order.
     *
     * @throws InvalidInputException when the request does not fit
     * @throws dev.cairn.runtime.tensor.UnsupportedTypeException when an input has a type Java cannot create
     */
    public static InferenceRequest readRequest(JsonNode body, List<IoSpec> modelInputs) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("request body must be a JSON object");
        }
        JsonNode inputsNode = body.get("inputs");
        if (inputsNode == null || !inputsNode.isArray()) {
            throw new InvalidInputException("request has no 'inputs' array");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputsNode.size(); i++) {
            JsonNode input = inputsNode.get(i);
            if (!input.isObject() || !input.path("name").isTextual()) {
                throw new InvalidInputException("inputs[" + i + "] must be an object with a 'name'");
            }
            names.add(input.get("name").asText());
        }
        if (modelInputs != null) {
            InputValidator.checkNames(modelInputs, names);
        }
        List<Tensor> tensors = new ArrayList<>();
        for (JsonNode input : inputsNode) {
            String name = input.get("name").asText();
            tensors.add(readTensor(input, modelInputs == null ? null : InputValidator.find(modelInputs, name)));
        }
        List<String> outputNames = new ArrayList<>();
        JsonNode outputsNode = body.get("outputs");
        if (outputsNode != null && !outputsNode.isNull()) {
            if (!outputsNode.isArray()) {
                throw new InvalidInputException("'outputs' must be an array of {\"name\": ...} objects");
            }
            for (int i = 0; i < outputsNode.size(); i++) {
                JsonNode output = outputsNode.get(i);
                if (!output.path("name").isTextual()) {
                    throw new InvalidInputException("outputs[" + i + "] must be an object with a 'name'");
                }
                outputNames.add(output.get("name").asText());
            }
        }
        JsonNode id = body.get("id");
        JsonNode parameters = body.get("parameters");
        return new InferenceRequest(id == null || id.isNull() ? null : id.asText(),
                parameters instanceof ObjectNode object ? object : null, tensors, outputNames);
    }

    /**
     * Decodes one {@code {"name", "shape", "datatype", "data"}} object; when {@code spec} is given, checks it
     * against that declared input first.
     */
    public static Tensor readTensor(JsonNode input, IoSpec spec) {
        String name = input.path("name").asText();
        if (spec != null) {
            InputValidator.checkBuildable(spec);
        }
        JsonNode datatypeNode = input.get("datatype");
        if (datatypeNode == null || !datatypeNode.isTextual()) {
            throw new InvalidInputException(name, "input '" + name + "' has no 'datatype'"
                    + (spec != null ? " (expects " + spec.elementType().displayName() + ")" : ""));
        }
        String datatype = datatypeNode.asText();
        ElementType type = ElementType.fromOipDatatype(datatype)
                .orElseThrow(() -> new InvalidInputException(name, "input '" + name + "' has unknown datatype '"
                        + datatype + "'; the protocol's datatypes are " + knownDatatypes()));
        if (spec != null) {
            InputValidator.checkType(spec, type);
        } else if (!type.isOrtJavaBuildable()) {
            throw new dev.cairn.runtime.tensor.UnsupportedTypeException("input '" + name + "' has type "
                    + type.onnxName() + ", which ONNX Runtime's Java API cannot create");
        }
        long[] shape = readShape(name, input.get("shape"));
        if (spec != null) {
            InputValidator.checkShape(spec, shape);
        }
        long expected;
        try {
            expected = Tensor.elementCount(shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidInputException(name, "input '" + name + "' has shape " + Shape.format(shape)
                    + ", which holds more values than a request can carry");
        }
        JsonNode data = input.get("data");
        if (data == null || data.isNull()) {
            throw new InvalidInputException(name, "input '" + name + "' has no 'data'");
        }
        // Sized from the data actually sent, never from the declared shape a client controls.
        List<JsonNode> leaves = new ArrayList<>(data.isArray() ? Math.min(data.size(), 1 << 16) : 1);
        flatten(name, data, shape, leaves);
        if (leaves.size() != expected) {
            throw new InvalidInputException(name, "input '" + name + "' has shape " + Shape.format(shape) + " ("
                    + expected + " values) but 'data' holds " + leaves.size() + " values");
        }
        Object values = Array.newInstance(type.arrayType().getComponentType(), leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            setValue(name, type, values, i, leaves.get(i));
        }
        return new Tensor(name, type, shape, values);
    }

    private static String knownDatatypes() {
        return Arrays.stream(ElementType.values()).filter(ElementType::isOrtJavaBuildable)
                .map(ElementType::oipDatatype).collect(Collectors.joining(", "));
    }

    private static long[] readShape(String name, JsonNode shapeNode) {
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new InvalidInputException(name, "input '" + name + "' has no 'shape' array");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode dim = shapeNode.get(i);
            if (!dim.canConvertToExactIntegral() || !dim.canConvertToLong() || dim.asLong() < 0) {
                throw new InvalidInputException(name, "input '" + name + "' has an invalid 'shape' " + shapeNode
                        + ": dimensions must be non-negative integers");
            }
            shape[i] = dim.asLong();
        }
        return shape;
    }

    /** Collects the leaf values; nested data must follow the shape level by level, flat data only needs the count. */
    private static void flatten(String name, JsonNode data, long[] shape, List<JsonNode> into) {
        if (!data.isArray()) {
            into.add(data);
            return;
        }
        boolean nested = false;
        for (JsonNode element : data) {
            nested |= element.isArray();
        }
        if (!nested) {
            data.forEach(into::add);
            return;
        }
        flattenNested(name, data, shape, 0, into);
    }

    private static void flattenNested(String name, JsonNode node, long[] shape, int depth, List<JsonNode> into) {
        if (depth == shape.length) {
            if (node.isArray()) {
                throw nestingError(name, shape, depth, "a value", "an array");
            }
            into.add(node);
            return;
        }
        if (!node.isArray()) {
            throw nestingError(name, shape, depth, "an array of " + shape[depth], "a value");
        }
        if (node.size() != shape[depth]) {
            throw nestingError(name, shape, depth, shape[depth] + " entries", node.size() + " entries");
        }
        for (JsonNode element : node) {
            flattenNested(name, element, shape, depth + 1, into);
        }
    }

    private static InvalidInputException nestingError(String name, long[] shape, int depth, String expected,
            String given) {
        return new InvalidInputException(name, "input '" + name + "' has nested 'data' that does not follow shape "
                + Shape.format(shape) + ": at depth " + depth + " expected " + expected + ", got " + given);
    }

    private static void setValue(String name, ElementType type, Object values, int index, JsonNode node) {
        switch (type) {
            case FLOAT -> ((float[]) values)[index] = toFloat(name, type, index, node, Float.MAX_VALUE);
            case FLOAT16 -> ((float[]) values)[index] = HalfFloats.roundToFloat16(toFloat(name, type, index, node, 65504f));
            case BFLOAT16 -> ((float[]) values)[index] = HalfFloats.roundToBFloat16(toFloat(name, type, index, node,
                    HalfFloats.fromBFloat16Bits((short) 0x7f7f)));
            case DOUBLE -> ((double[]) values)[index] = toDouble(name, type, index, node);
            case INT8 -> ((byte[]) values)[index] = (byte) toLong(name, type, index, node, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT8 -> ((byte[]) values)[index] = (byte) toLong(name, type, index, node, 0, 255);
            case INT16 -> ((short[]) values)[index] = (short) toLong(name, type, index, node, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> ((int[]) values)[index] = (int) toLong(name, type, index, node, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT64 -> ((long[]) values)[index] = toLong(name, type, index, node, Long.MIN_VALUE, Long.MAX_VALUE);
            case BOOL -> ((boolean[]) values)[index] = toBoolean(name, index, node);
            case STRING -> {
                if (!node.isTextual()) {
                    throw valueError(name, type, index, node, "BYTES values (strings)");
                }
                ((String[]) values)[index] = node.asText();
            }
            default -> throw new IllegalStateException("not buildable: " + type);
        }
    }

    private static double toDouble(String name, ElementType type, int index, JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            String text = node.asText().trim().toLowerCase(Locale.ROOT);
            switch (text) {
                case "nan", "+nan", "-nan":
                    return Double.NaN;
                case "infinity", "+infinity", "inf", "+inf":
                    return Double.POSITIVE_INFINITY;
                case "-infinity", "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw valueError(name, type, index, node, type.oipDatatype()
                + " values (numbers, or \"NaN\", \"Infinity\", \"-Infinity\")");
    }

    private static float toFloat(String name, ElementType type, int index, JsonNode node, float max) {
        double value = toDouble(name, type, index, node);
        // Values that would round past the type's largest finite value are an error, not a silent infinity.
        if (Double.isFinite(value) && Math.abs(value) > max && Float.isInfinite(roundFor(type, (float) value))) {
            throw valueError(name, type, index, node, type.oipDatatype() + " values (at most " + max
                    + " in magnitude)");
        }
        return (float) value;
    }

    private static float roundFor(ElementType type, float value) {
        return switch (type) {
            case FLOAT16 -> HalfFloats.roundToFloat16(value);
            case BFLOAT16 -> HalfFloats.roundToBFloat16(value);
            default -> value;
        };
    }

    private static long toLong(String name, ElementType type, int index, JsonNode node, long min, long max) {
        String range = type.oipDatatype() + " holds " + min + ".." + max;
        if (!node.isNumber() || !node.canConvertToExactIntegral()) {
            throw valueError(name, type, index, node, type.oipDatatype() + " values (integers)");
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidInputException(name, "input '" + name + "' expects " + type.oipDatatype() + " values, got "
                    + node + " at index " + index + " (" + range + ")");
        }
        return value.longValue();
    }

    private static boolean toBoolean(String name, int index, JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber() && node.canConvertToExactIntegral()) {
            BigInteger value = node.bigIntegerValue();
            if (value.equals(BigInteger.ZERO) || value.equals(BigInteger.ONE)) {
                return value.equals(BigInteger.ONE);
            }
        }
        throw valueError(name, ElementType.BOOL, index, node, "BOOL values (true/false or 0/1)");
    }

    private static InvalidInputException valueError(String name, ElementType type, int index, JsonNode node,
            String expectation) {
        String given = node.isTextual() ? "string " + node : node.isNull() ? "null" : node.isBoolean() ? node.toString()
                : node.isContainerNode() ? node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node : node.toString();
        return new InvalidInputException(name, "input '" + name + "' expects " + expectation + ", got " + given
                + " at index " + index);
    }

    /** Writes a response body; {@code modelVersion} and {@code id} are left out when null. */
    public static ObjectNode writeResponse(String modelName, String modelVersion, String id,
            Map<String, ? extends Value> outputs) {
        ObjectNode body = NODES.objectNode();
        body.put("model_name", modelName);
        if (modelVersion != null) {
            body.put("model_version", modelVersion);
        }
        if (id != null) {
            body.put("id", id);
        }
        body.set("outputs", writeOutputs(outputs));
        return body;
    }

    /** Writes outputs as a response's {@code "outputs"} array, mapped as described for the class. */
    public static ArrayNode writeOutputs(Map<String, ? extends Value> outputs) {
        return writeOutputs(outputs, OipJson::writeTensor);
    }

    /**
     * Writes outputs as {@link #writeOutputs(Map)} does, with each tensor (also a ZipMap's table and a map's values)
     * written by {@code tensorWriter}; the prediction log uses this to summarize large tensors instead of listing them.
     */
    public static ArrayNode writeOutputs(Map<String, ? extends Value> outputs,
            Function<Tensor, ObjectNode> tensorWriter) {
        ArrayNode array = NODES.arrayNode();
        for (Map.Entry<String, ? extends Value> output : outputs.entrySet()) {
            writeValue(output.getKey(), output.getValue(), array, tensorWriter);
        }
        return array;
    }

    private static void writeValue(String name, Value value, ArrayNode into, Function<Tensor, ObjectNode> tensorWriter) {
        if (value instanceof Tensor tensor) {
            into.add(tensorWriter.apply(tensor.withName(name)));
        } else if (value instanceof SequenceValue sequence) {
            if (ZipMapTable.isZipMap(sequence) && !sequence.elements().isEmpty()) {
                ZipMapTable table = ZipMapTable.of(sequence);
                ObjectNode tensor = tensorWriter.apply(table.values().withName(name));
                ArrayNode keys = tensor.putObject("parameters").putArray("zipmap_keys");
                table.keys().forEach(key -> addKey(keys, key));
                into.add(tensor);
            } else {
                for (int i = 0; i < sequence.size(); i++) {
                    writeValue(name + "[" + i + "]", sequence.get(i), into, tensorWriter);
                }
            }
        } else if (value instanceof MapValue map) {
            ObjectNode tensor = tensorWriter.apply(map.values().withName(name));
            ArrayNode keys = tensor.putObject("parameters").putArray("map_keys");
            for (int i = 0; i < map.size(); i++) {
                addKey(keys, map.keys().elementAt(i));
            }
            into.add(tensor);
        } else if (value instanceof OptionalValue optional && optional.element() != null) {
            writeValue(name, optional.element(), into, tensorWriter);
        }
    }

    private static void addKey(ArrayNode keys, Object key) {
        if (key instanceof Long number) {
            keys.add(number);
        } else if (key instanceof BigInteger big) {
            keys.add(big);
        } else {
            keys.add(String.valueOf(key));
        }
    }

    /** Writes one tensor as {@code {"name", "shape", "datatype", "data"}} with flat data. */
    public static ObjectNode writeTensor(Tensor tensor) {
        ObjectNode node = writeTensorHeader(tensor);
        ArrayNode data = node.putArray("data");
        int count = tensor.elementCount();
        switch (tensor.type()) {
            case FLOAT, FLOAT16, BFLOAT16 -> {
                for (float value : tensor.floats()) {
                    if (Float.isFinite(value)) {
                        data.add(value);
                    } else {
                        data.add(nonFinite(value));
                    }
                }
            }
            case DOUBLE -> {
                for (double value : tensor.doubles()) {
                    if (Double.isFinite(value)) {
                        data.add(value);
                    } else {
                        data.add(nonFinite(value));
                    }
                }
            }
            case BOOL -> {
                for (boolean value : tensor.booleans()) {
                    data.add(value);
                }
            }
            case STRING -> {
                for (String value : tensor.strings()) {
                    data.add(value);
                }
            }
            case UINT64 -> {
                for (int i = 0; i < count; i++) {
                    data.add((BigInteger) tensor.elementAt(i));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    data.add((Long) tensor.elementAt(i));
                }
            }
        }
        return node;
    }

    /** A tensor's {@code {"name", "shape", "datatype"}}, for writers that put something else than its data beside. */
    public static ObjectNode writeTensorHeader(Tensor tensor) {
        ObjectNode node = NODES.objectNode();
        node.put("name", tensor.name());
        ArrayNode shape = node.putArray("shape");
        for (long dim : tensor.shape()) {
            shape.add(dim);
        }
        node.put("datatype", tensor.type().oipDatatype());
        return node;
    }

    /**
     * JSON has no NaN or infinity: the strings the protocol uses for them ({@code "NaN"}, {@code "Infinity"},
     * {@code "-Infinity"}), which Python's {@code float()} reads back.
     */
    public static String nonFinite(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }
}
