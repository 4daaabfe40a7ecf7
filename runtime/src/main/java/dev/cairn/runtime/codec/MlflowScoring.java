package dev.cairn.runtime.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.tensor.InputValidator;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.Shape;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes the bodies of MLflow's scoring server ({@code mlflow models serve}, {@code POST /invocations}):
 * JSON with one of {@code dataframe_split}, {@code dataframe_records}, {@code instances} or {@code inputs}, or CSV;
 * responses are {@code {"predictions": ...}}, errors {@code {"error_code", "message"}}.
 *
 * <p>Tables (the two dataframe forms and CSV) go through {@link CsvBatchReader}'s rules; tensor data ({@code instances},
 * {@code inputs}) takes its shape from the nesting and its datatype from the model, then is decoded by
 * {@link OipJson#readTensor} so it is checked exactly as an Open Inference Protocol input is.
 */
public final class MlflowScoring {

    /** The JSON fields that carry the input; a request holds exactly one of them. */
    public static final List<String> INPUT_FIELDS = List.of("dataframe_split", "dataframe_records", "instances",
            "inputs");

    private static final String ONE_INPUT_FIELD = "The input must be a JSON dictionary with exactly one of the input "
            + "fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}";
    private static final ObjectReader READER = OipJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MlflowScoring() {
    }

    /**
     * A decoded scoring request.
     *
     * @param inputs one tensor per model input
     * @param tabular whether the input was a table (dataframe or CSV), whose rows the predictions follow
     * @param rows the number of table rows; -1 for tensor input
     * @param params the request's {@code params} object; null when absent
     */
    public record Request(List<Tensor> inputs, boolean tabular, int rows, ObjectNode params) {

        /** Copies the input list. */
        public Request {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * Decodes a JSON request body for a model with these inputs.
     *
     * @throws InvalidInputException when the body is not JSON, does not hold exactly one input field, or its data
     *     does not fit the model's inputs
     * @throws dev.cairn.runtime.tensor.UnsupportedTypeException when an input has a type Java cannot create
     */
    public static Request readJson(byte[] body, List<IoSpec> modelInputs) {
        JsonNode tree = parse(body);
        if (!tree.isObject()) {
            throw new InvalidInputException(ONE_INPUT_FIELD + ". Received " + DataframeJson.describe(tree));
        }
        Set<String> fields = DataframeJson.keys(tree);
        List<String> given = fields.stream().filter(INPUT_FIELDS::contains).toList();
        if (given.size() != 1) {
            throw new InvalidInputException(ONE_INPUT_FIELD + ". Received dictionary with input fields: "
                    + fields.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ", "[", "]")));
        }
        ObjectNode params = readParams(tree.get("params"));
        JsonNode data = tree.get(given.get(0));
        return switch (given.get(0)) {
            case "dataframe_split" -> readTable(DataframeJson.fromSplit(data), modelInputs, params);
            case "dataframe_records" -> readTable(DataframeJson.fromRecords(data), modelInputs, params);
            case "instances" -> new Request(readInstances(data, modelInputs), false, -1, params);
            default -> new Request(readInputs(data, modelInputs), false, -1, params);
        };
    }

    /**
     * Decodes a CSV request body (header row required) for a model with these inputs; see {@link CsvBatchReader}.
     *
     * @throws InvalidInputException when the text is not valid CSV or does not fit the model's inputs
     * @throws dev.cairn.runtime.tensor.UnsupportedTypeException when an input has a type Java cannot create
     */
    public static Request readCsv(String text, List<IoSpec> modelInputs) {
        CsvTable table = CsvTable.parse(text);
        return new Request(CsvBatchReader.read(table, modelInputs, CsvBatchReader.Origin.CSV), true, table.rowCount(),
                null);
    }

    /**
     * The value that goes under {@code "predictions"}: a single output as plain JSON (a tensor as arrays nested by its
     * shape, non-finite floats as "NaN"/"Infinity"/"-Infinity", a map as an object with string keys, a ZipMap as one
     * {@code {class: probability}} object per row); several outputs of a tabular request as one record per row,
     * {@code {output: row value}}, when they all have the same number of rows; otherwise an object
     * {@code {output: value}}.
     */
    public static JsonNode predictions(Map<String, ? extends Value> outputs, boolean tabular) {
        if (outputs.size() == 1) {
            return PlainJson.of(outputs.values().iterator().next());
        }
        if (tabular && !outputs.isEmpty()) {
            Set<Long> rows = outputs.values().stream().map(PlainJson::rows).collect(Collectors.toSet());
            if (rows.size() == 1 && rows.iterator().next() >= 0) {
                return records(outputs, rows.iterator().next().intValue());
            }
        }
        ObjectNode object = NODES.objectNode();
        outputs.forEach((name, value) -> object.set(name, PlainJson.of(value)));
        return object;
    }

    /** An error body as MLflow's scoring server writes it, e.g. error code {@code BAD_REQUEST}. */
    public static ObjectNode error(String errorCode, String message) {
        ObjectNode body = NODES.objectNode();
        body.put("error_code", errorCode);
        body.put("message", message);
        return body;
    }

    private static JsonNode parse(byte[] body) {
        JsonNode tree;
        try {
            tree = READER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException("request body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new InvalidInputException("request body could not be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidInputException("request body is empty; " + ONE_INPUT_FIELD);
        }
        return tree;
    }

    private static ObjectNode readParams(JsonNode params) {
        if (params == null || params.isNull()) {
            return null;
        }
        if (params instanceof ObjectNode object) {
            return object;
        }
        throw new InvalidInputException("'params' must be a JSON object {\"name\": value}, got "
                + DataframeJson.describe(params));
    }

    private static Request readTable(CsvTable table, List<IoSpec> modelInputs, ObjectNode params) {
        List<Tensor> inputs = CsvBatchReader.read(table, modelInputs, CsvBatchReader.Origin.DATAFRAME);
        return new Request(inputs, true, table.rowCount(), params);
    }

    /** A list of records gathers each input's values over the rows; any other list is the data of the only input. */
    private static List<Tensor> readInstances(JsonNode instances, List<IoSpec> modelInputs) {
        if (!instances.isArray()) {
            throw new InvalidInputException("'instances' must be an array (one entry per row), got "
                    + DataframeJson.describe(instances));
        }
        if (instances.isEmpty() || !instances.get(0).isObject()) {
            return List.of(readUnnamed("instances", instances, modelInputs));
        }
        Map<String, ArrayNode> columns = new LinkedHashMap<>();
        DataframeJson.keys(instances.get(0)).forEach(name -> columns.put(name, NODES.arrayNode(instances.size())));
        for (int row = 0; row < instances.size(); row++) {
            JsonNode record = instances.get(row);
            if (!record.isObject() || !DataframeJson.keys(record).equals(columns.keySet())) {
                throw new InvalidInputException("'instances' row " + (row + 1) + " must be an object with the keys of "
                        + "row 1 " + columns.keySet() + ", got " + (record.isObject()
                        ? "keys " + DataframeJson.keys(record) : DataframeJson.describe(record)));
            }
            columns.forEach((name, values) -> values.add(record.get(name)));
        }
        return readNamed("instances", new LinkedHashMap<>(columns), modelInputs);
    }

    private static List<Tensor> readInputs(JsonNode inputs, List<IoSpec> modelInputs) {
        if (!inputs.isObject()) {
            return List.of(readUnnamed("inputs", inputs, modelInputs));
        }
        Map<String, JsonNode> named = new LinkedHashMap<>();
        inputs.properties().forEach(field -> named.put(field.getKey(), field.getValue()));
        return readNamed("inputs", named, modelInputs);
    }

    private static Tensor readUnnamed(String field, JsonNode data, List<IoSpec> modelInputs) {
        if (modelInputs.size() != 1) {
            String naming = field.equals("instances") ? "give each row as an object {\"input name\": value, ...}"
                    : "give an object {\"input name\": value, ...}";
            throw new InvalidInputException("'" + field + "' without input names fits only a model with one input; "
                    + "this model has " + modelInputs.size() + ": " + InputValidator.list(modelInputs) + "; "
                    + naming);
        }
        return TensorData.read(modelInputs.get(0), data);
    }

    private static List<Tensor> readNamed(String field, Map<String, JsonNode> data, List<IoSpec> modelInputs) {
        data.keySet().forEach(name -> InputValidator.find(modelInputs, name));
        List<Tensor> tensors = new ArrayList<>();
        for (IoSpec spec : modelInputs) {
            JsonNode values = data.get(spec.name());
            if (values == null) {
                throw new InvalidInputException(spec.name(), "'" + field + "' has no value for input '" + spec.name()
                        + "'; the model's inputs are: " + InputValidator.list(modelInputs));
            }
            tensors.add(TensorData.read(spec, values));
        }
        return tensors;
    }

    private static ArrayNode records(Map<String, ? extends Value> outputs, int rows) {
        ArrayNode records = NODES.arrayNode(rows);
        for (int row = 0; row < rows; row++) {
            records.addObject();
        }
        outputs.forEach((name, value) -> {
            JsonNode column = PlainJson.of(value);
            for (int row = 0; row < rows; row++) {
                ((ObjectNode) records.get(row)).set(name, column.get(row));
            }
        });
        return records;
    }

    /** Tensor data given as nested JSON arrays, without a declared shape or datatype. */
    private static final class TensorData {

        private TensorData() {
        }

        /**
         * Infers the shape from the nesting, takes the datatype from the model, and decodes through OIP. A rank one
         * short of a declared trailing 1 gets that 1, because MLflow users send a column [a, b, c] for [N,1] inputs.
         */
        static Tensor read(IoSpec spec, JsonNode data) {
            InputValidator.checkBuildable(spec);
            List<Long> dims = new ArrayList<>();
            for (JsonNode node = data; node.isArray(); node = node.get(0)) {
                dims.add((long) node.size());
                if (node.isEmpty()) {
                    break;
                }
            }
            ArrayNode flat = NODES.arrayNode();
            flatten(spec.name(), data, dims, 0, flat);
            Shape declared = spec.shape();
            if (declared.isRankKnown() && declared.rank() == dims.size() + 1 && declared.dim(declared.rank() - 1) == 1) {
                dims.add(1L);
            }
            ObjectNode input = NODES.objectNode();
            input.put("name", spec.name());
            dims.forEach(input.putArray("shape")::add);
            input.put("datatype", spec.elementType().oipDatatype());
            input.set("data", flat);
            return OipJson.readTensor(input, spec);
        }

        private static void flatten(String name, JsonNode node, List<Long> dims, int depth, ArrayNode into) {
            if (depth == dims.size()) {
                if (node.isArray()) {
                    throw ragged(name, depth, "a value", "an array");
                }
                into.add(node);
                return;
            }
            long size = dims.get(depth);
            if (!node.isArray()) {
                throw ragged(name, depth, "an array of " + size, DataframeJson.describe(node));
            }
            if (node.size() != size) {
                throw ragged(name, depth, "an array of " + size, "an array of " + node.size());
            }
            for (JsonNode element : node) {
                flatten(name, element, dims, depth + 1, into);
            }
        }

        private static InvalidInputException ragged(String name, int depth, String expected, String given) {
            return new InvalidInputException(name, "input '" + name + "' has nested data that is not rectangular: at "
                    + "depth " + depth + " expected " + expected + ", got " + given);
        }
    }
}
