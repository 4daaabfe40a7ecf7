package dev.cairn.runtime.tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX map as two parallel 1-D tensors, keys (INT64 or STRING, or another integer type) and values, in the
 * order they were read; keys read from ONNX Runtime are sorted, because ORT hands them over in hash order.
 */
public record MapValue(String name, Tensor keys, Tensor values) implements Value {

    /** Checks that keys and values are 1-D and of equal length. */
    public MapValue {
        Objects.requireNonNull(name, "name");
        if (keys.rank() != 1 || values.rank() != 1 || keys.elementCount() != values.elementCount()) {
            throw new IllegalArgumentException("map keys and values must be 1-D tensors of equal length, got "
                    + Shape.format(keys.shape()) + " and " + Shape.format(values.shape()));
        }
        if (keys.type() != ElementType.STRING && !keys.type().isInteger()) {
            throw new IllegalArgumentException("map keys must be integers or strings, got " + keys.type().onnxName());
        }
    }

    /** The number of entries. */
    public int size() {
        return keys.elementCount();
    }

    /** The entries as boxed Java objects (Long or String keys; Float, Double, Long, String... values), in order. */
    public Map<Object, Object> asMap() {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            map.put(keys.elementAt(i), values.elementAt(i));
        }
        return map;
    }

    @Override
    public IoKind kind() {
        return IoKind.MAP;
    }

    @Override
    public String typeDescription() {
        return "map(" + keys.type().onnxName() + "," + values.type().onnxName() + ")";
    }
}
