package dev.cairn.runtime.tensor;

import java.util.Objects;
import java.util.Optional;

/** An ONNX optional: a value that may be absent. */
public record OptionalValue(String name, Value element) implements Value {

    /** Checks the name; {@code element} may be null for an empty optional. */
    public OptionalValue {
        Objects.requireNonNull(name, "name");
    }

    /** The contained value, if any. */
    public Optional<Value> value() {
        return Optional.ofNullable(element);
    }

    @Override
    public IoKind kind() {
        return IoKind.OPTIONAL;
    }

    @Override
    public String typeDescription() {
        return "optional(" + (element == null ? "?" : element.typeDescription()) + ")";
    }
}
