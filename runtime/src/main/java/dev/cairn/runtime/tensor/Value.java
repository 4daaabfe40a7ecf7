package dev.cairn.runtime.tensor;

/**
 * A model input or output in a form free of ONNX Runtime's native memory: a tensor, a sequence, a map or an optional.
 */
public sealed interface Value permits Tensor, SequenceValue, MapValue, OptionalValue {

    /** The input or output name this value belongs to; elements inside a sequence or map may have an empty name. */
    String name();

    /** The ONNX type in text form, e.g. {@code tensor(float)} or {@code seq(map(int64,float))}. */
    String typeDescription();

    /** The kind of value. */
    IoKind kind();
}
