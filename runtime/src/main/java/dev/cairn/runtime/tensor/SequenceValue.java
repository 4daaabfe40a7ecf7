package dev.cairn.runtime.tensor;

import java.util.List;
import java.util.Objects;

/** An ONNX sequence: an ordered list of values of one type (tensors, or maps for scikit-learn's ZipMap). */
public record SequenceValue(String name, List<Value> elements) implements Value {

    /** Copies the element list so the value stays immutable. */
    public SequenceValue {
        Objects.requireNonNull(name, "name");
        elements = List.copyOf(elements);
    }

    /** The number of elements. */
    public int size() {
        return elements.size();
    }

    /** The element at {@code index}. */
    public Value get(int index) {
        return elements.get(index);
    }

    @Override
    public IoKind kind() {
        return IoKind.SEQUENCE;
    }

    @Override
    public String typeDescription() {
        return "seq(" + (elements.isEmpty() ? "?" : elements.get(0).typeDescription()) + ")";
    }
}
