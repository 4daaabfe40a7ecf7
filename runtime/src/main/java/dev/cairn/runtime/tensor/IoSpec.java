package dev.cairn.runtime.tensor;

import java.util.Optional;

/**
 * What a model declares about one input or output: its name, its kind, the element type of the tensors inside it
 * (for a map, the value type; null where the model leaves it undefined), the key type of maps, and the tensor shape
 * (unknown rank for non-tensors).
 *
 * @param typeDescription the full ONNX type in text form, e.g. {@code tensor(float)}, {@code seq(map(int64,float))}
 */
public record IoSpec(String name, IoKind kind, ElementType elementType, ElementType mapKeyType, Shape shape,
        String typeDescription) {

    /** A tensor input or output. */
    public static IoSpec tensor(String name, ElementType elementType, Shape shape) {
        return new IoSpec(name, IoKind.TENSOR, elementType, null, shape,
                "tensor(" + (elementType == null ? "undefined" : elementType.onnxName()) + ")");
    }

    /** The element type, if the model declares one. */
    public Optional<ElementType> element() {
        return Optional.ofNullable(elementType);
    }

    /** Whether ONNX Runtime's Java API can build a value for this input: a tensor of a buildable element type. */
    public boolean isOrtJavaBuildable() {
        return kind == IoKind.TENSOR && elementType != null && elementType.isOrtJavaBuildable();
    }

    /**
     * The type as shown to users: the OIP datatype and shape for tensors (e.g. {@code FP32 [batch,4]}), the ONNX
     * type otherwise.
     */
    public String describe() {
        if (kind == IoKind.TENSOR && elementType != null) {
            return elementType.displayName() + " " + shape;
        }
        return typeDescription;
    }

    /** The type named in "cannot create/read" messages: the element type for tensors, the full type otherwise. */
    public String typeForMessages() {
        return kind == IoKind.TENSOR && elementType != null ? elementType.onnxName() : typeDescription;
    }
}
