package dev.cairn.runtime.model;

/** ONNX Runtime failed while running a model whose inputs passed validation (e.g. a kernel rejected a shape). */
public class InferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with ORT's failure as the cause. */
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
