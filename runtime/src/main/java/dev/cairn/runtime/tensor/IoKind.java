package dev.cairn.runtime.tensor;

/** What kind of value a model input or output is, as ONNX's {@code TypeProto} distinguishes them. */
public enum IoKind {
    TENSOR("tensor"),
    SEQUENCE("sequence"),
    MAP("map"),
    OPTIONAL("optional"),
    SPARSE_TENSOR("sparse tensor");

    private final String label;

    IoKind(String label) {
        this.label = label;
    }

    /** A lower-case label for messages, e.g. {@code sequence}. */
    public String label() {
        return label;
    }
}
