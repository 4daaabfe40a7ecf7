package dev.cairn.runtime.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.tensor.MapValue;
import dev.cairn.runtime.tensor.OptionalValue;
import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import java.math.BigInteger;

/**
 * Writes a model value as plain JSON, as numpy's {@code tolist()} and pandas would: a tensor as arrays nested by its
 * shape (a scalar as the bare value), a map as an object with its keys as strings, a sequence as an array (so a
 * ZipMap becomes one {class: probability} object per row), an optional as its element or null.
 */
final class PlainJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlainJson() {
    }

    static JsonNode of(Value value) {
        if (value instanceof Tensor tensor) {
            long[] shape = tensor.shape();
            return shape.length == 0 ? element(tensor, 0) : nested(tensor, shape, 0, 0);
        }
        if (value instanceof SequenceValue sequence) {
            ArrayNode array = NODES.arrayNode(sequence.size());
            sequence.elements().forEach(element -> array.add(of(element)));
            return array;
        }
        if (value instanceof MapValue map) {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < map.size(); i++) {
                object.set(String.valueOf(map.keys().elementAt(i)), element(map.values(), i));
            }
            return object;
        }
        OptionalValue optional = (OptionalValue) value;
        return optional.element() == null ? NODES.nullNode() : of(optional.element());
    }

    /**
     * The number of rows a value holds along its first dimension (a tensor's first size, a sequence's length), or -1
     * when it has none (a scalar, a map, an empty optional).
     */
    static long rows(Value value) {
        if (value instanceof Tensor tensor) {
            return tensor.rank() == 0 ? -1 : tensor.shape()[0];
        }
        if (value instanceof SequenceValue sequence) {
            return sequence.size();
        }
        if (value instanceof OptionalValue optional && optional.element() != null) {
            return rows(optional.element());
        }
        return -1;
    }

    private static ArrayNode nested(Tensor tensor, long[] shape, int depth, int offset) {
        int size = (int) shape[depth];
        ArrayNode array = NODES.arrayNode(size);
        if (depth == shape.length - 1) {
            for (int i = 0; i < size; i++) {
                array.add(element(tensor, offset + i));
            }
            return array;
        }
        int stride = 1;
        for (int axis = depth + 1; axis < shape.length; axis++) {
            stride *= (int) shape[axis];
        }
        for (int i = 0; i < size; i++) {
            array.add(nested(tensor, shape, depth + 1, offset + i * stride));
        }
        return array;
    }

    private static JsonNode element(Tensor tensor, int index) {
        return switch (tensor.type()) {
            case FLOAT, FLOAT16, BFLOAT16 -> {
                float value = tensor.floats()[index];
                yield Float.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(OipJson.nonFinite(value));
            }
            case DOUBLE -> {
                double value = tensor.doubles()[index];
                yield Double.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(OipJson.nonFinite(value));
            }
            case BOOL -> NODES.booleanNode(tensor.booleans()[index]);
            case STRING -> NODES.textNode(tensor.strings()[index]);
            case UINT64 -> NODES.numberNode((BigInteger) tensor.elementAt(index));
            default -> NODES.numberNode((Long) tensor.elementAt(index));
        };
    }
}
