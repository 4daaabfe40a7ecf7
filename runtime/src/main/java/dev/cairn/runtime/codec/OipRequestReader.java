package dev.cairn.runtime.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.InputValidator;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Open Inference Protocol request bodies for the model server, fast: the common request (numeric tensors
 * whose {@code data} follows their {@code name}, {@code shape} and {@code datatype}) is streamed token by token
 * straight into the primitive arrays ONNX Runtime is fed from, without building a JSON tree. Parsing a tree first
 * cost twice the inference of a small CNN.
 *
 * <p>Anything else (another field order, strings, booleans, half floats, a value out of range, any mistake) goes
 * through {@link OipJson#readRequest(com.fasterxml.jackson.databind.JsonNode, List)} on the same bytes, so results
 * and error messages are exactly those of the tree reader: the fast path never reports an error itself.
 */
public final class OipRequestReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private OipRequestReader() {
    }

    /**
     * Decodes and checks a request body against the model's inputs.
     *
     * @throws InvalidInputException when the body is not valid JSON or does not fit the model
     */
    public static InferenceRequest read(byte[] body, List<IoSpec> modelInputs) {
        InferenceRequest request = readFast(body, modelInputs);
        return request != null ? request : OipJson.readRequest(treeOf(body), modelInputs);
    }

    /** The streaming reader alone: null when the body is not the common kind, or has any mistake. */
    static InferenceRequest readFast(byte[] body, List<IoSpec> modelInputs) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            return new Fast(parser, modelInputs, body.length).request();
        } catch (IOException | RuntimeException e) {
            return null; // malformed or unusual: the tree reader says exactly what is wrong
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode treeOf(byte[] body) {
        try {
            return OipJson.mapper().readTree(body);
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage();
            throw new InvalidInputException("request body is not valid JSON: " + reason);
        }
    }

    /** Reads a value in the middle of a body: what follows it is the rest of the request, not trailing data. */
    private static final com.fasterxml.jackson.databind.ObjectReader SUBTREE = OipJson.mapper().reader()
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One pass over the tokens; returns null as soon as the request is not the common kind. */
    private static final class Fast {
        private final JsonParser parser;
        private final List<IoSpec> modelInputs;
        private final int bodyLength;

        Fast(JsonParser parser, List<IoSpec> modelInputs, int bodyLength) {
            this.parser = parser;
            this.modelInputs = modelInputs;
            this.bodyLength = bodyLength;
        }

        InferenceRequest request() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            ObjectNode parameters = null;
            List<Tensor> inputs = null;
            List<String> outputs = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            id = parser.getText();
                        } else if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "parameters" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        parameters = (ObjectNode) SUBTREE.readTree(parser);
                    }
                    case "inputs" -> {
                        if (value != JsonToken.START_ARRAY || inputs != null) {
                            return null;
                        }
                        inputs = new ArrayList<>();
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            Tensor tensor = input();
                            if (tensor == null) {
                                return null;
                            }
                            inputs.add(tensor);
                        }
                    }
                    case "outputs" -> {
                        if (value != JsonToken.START_ARRAY || !readOutputNames(outputs)) {
                            return null;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null || inputs == null) {
                return null;
            }
            List<String> names = new ArrayList<>(inputs.size());
            inputs.forEach(tensor -> names.add(tensor.name()));
            InputValidator.checkNames(modelInputs, names); // throws for unknown, duplicate or missing: tree path
            return new InferenceRequest(id, parameters, inputs, outputs);
        }

        private boolean readOutputNames(List<String> outputs) throws IOException {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String name = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("name") && value == JsonToken.VALUE_STRING) {
                        name = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                if (name == null) {
                    return false;
                }
                outputs.add(name);
            }
            return parser.currentToken() == JsonToken.END_ARRAY;
        }

        private Tensor input() throws IOException {
            String name = null;
            long[] shape = null;
            IoSpec spec = null;
            boolean typed = false;
            Object data = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "name" -> {
                        if (value != JsonToken.VALUE_STRING || name != null) {
                            return null;
                        }
                        name = parser.getText();
                        spec = find(name);
                        if (spec == null || !isFastType(spec)) {
                            return null;
                        }
                    }
                    case "shape" -> {
                        if (value != JsonToken.START_ARRAY || shape != null) {
                            return null;
                        }
                        shape = readShape();
                        if (shape == null) {
                            return null;
                        }
                    }
                    case "datatype" -> {
                        if (value != JsonToken.VALUE_STRING || spec == null
                                || !parser.getText().equals(spec.elementType().oipDatatype())) {
                            return null;
                        }
                        typed = true;
                    }
                    case "data" -> {
                        if (!typed || shape == null || data != null) {
                            return null; // data before its description: the tree reader handles any order
                        }
                        InputValidator.checkShape(spec, shape);
                        data = readData(spec.elementType(), shape, value);
                        if (data == null) {
                            return null;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (data == null) {
                return null;
            }
            return new Tensor(name, spec.elementType(), shape, data);
        }

        private IoSpec find(String name) {
            for (IoSpec spec : modelInputs) {
                if (spec.name().equals(name)) {
                    return spec;
                }
            }
            return null;
        }

        private static boolean isFastType(IoSpec spec) {
            if (!spec.isOrtJavaBuildable()) {
                return false;
            }
            ElementType type = spec.elementType();
            return type == ElementType.FLOAT || type == ElementType.DOUBLE || type == ElementType.INT32
                    || type == ElementType.INT64;
        }

        private long[] readShape() throws IOException {
            long[] dims = new long[8];
            int rank = 0;
            while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0) {
                    return null;
                }
                if (rank == dims.length) {
                    dims = java.util.Arrays.copyOf(dims, rank * 2);
                }
                dims[rank++] = parser.getLongValue();
            }
            return parser.currentToken() == JsonToken.END_ARRAY ? java.util.Arrays.copyOf(dims, rank) : null;
        }

        /** Reads flat data, or nested data that follows the shape exactly; null for anything else. */
        private Object readData(ElementType type, long[] shape, JsonToken first) throws IOException {
            long count = Tensor.elementCount(shape);
            // Every value takes at least two bytes ("1,"): a shape the body cannot fill is not allocated for.
            if (first != JsonToken.START_ARRAY || count > bodyLength / 2 + 1) {
                return null;
            }
            Values values = new Values(type, (int) count);
            JsonToken token = parser.nextToken();
            boolean ok = token == JsonToken.START_ARRAY ? readNested(values, shape, 1) : readFlat(values, token);
            return ok && values.size == count ? values.array : null;
        }

        private boolean readFlat(Values values, JsonToken token) throws IOException {
            for (; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (!values.add(parser, token)) {
                    return false;
                }
            }
            return true;
        }

        /** Called after the START_ARRAY of level {@code depth} (the outer array being level 0). */
        private boolean readNested(Values values, long[] shape, int depth) throws IOException {
            // The outer level's first element was just read as START_ARRAY; walk the outer level's entries.
            long entries = 0;
            JsonToken token = JsonToken.START_ARRAY;
            while (token != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_ARRAY || depth >= shape.length || !readLevel(values, shape, depth)) {
                    return false;
                }
                entries++;
                token = parser.nextToken();
            }
            return entries == shape[0];
        }

        /** Reads one array at {@code depth} (its START_ARRAY already consumed) holding {@code shape[depth]} entries. */
        private boolean readLevel(Values values, long[] shape, int depth) throws IOException {
            long entries = 0;
            boolean leaf = depth == shape.length - 1;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (leaf) {
                    if (!values.add(parser, token)) {
                        return false;
                    }
                } else if (token != JsonToken.START_ARRAY || !readLevel(values, shape, depth + 1)) {
                    return false;
                }
                entries++;
            }
            return entries == shape[depth];
        }
    }

    /** A primitive array filled in order; refuses what the tree reader would treat specially. */
    private static final class Values {
        final ElementType type;
        final Object array;
        final int capacity;
        int size;

        Values(ElementType type, int capacity) {
            this.type = type;
            this.capacity = capacity;
            this.array = switch (type) {
                case FLOAT -> new float[capacity];
                case DOUBLE -> new double[capacity];
                case INT32 -> new int[capacity];
                case INT64 -> new long[capacity];
                default -> throw new IllegalArgumentException(type.name());
            };
        }

        boolean add(JsonParser parser, JsonToken token) throws IOException {
            if (size == capacity) {
                return false;
            }
            switch (type) {
                case FLOAT, DOUBLE -> {
                    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                        return false;
                    }
                    double value = parser.getDoubleValue();
                    if (type == ElementType.FLOAT) {
                        if (Math.abs(value) > Float.MAX_VALUE) {
                            return false;
                        }
                        ((float[]) array)[size] = (float) value;
                    } else {
                        ((double[]) array)[size] = value;
                    }
                }
                case INT32, INT64 -> {
                    if (token != JsonToken.VALUE_NUMBER_INT
                            || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return false;
                    }
                    long value = parser.getLongValue();
                    if (type == ElementType.INT32) {
                        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                            return false;
                        }
                        ((int[]) array)[size] = (int) value;
                    } else {
                        ((long[]) array)[size] = value;
                    }
                }
                default -> {
                    return false;
                }
            }
            size++;
            return true;
        }
    }
}
