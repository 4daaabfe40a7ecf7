package dev.cairn.runtime.model;

import java.util.Optional;

/**
 * A model file could not be opened: it is missing, not ONNX, truncated, too new for this ONNX Runtime, needs a
 * locale or operator this machine lacks. The message names the file and the reason and keeps ONNX Runtime's detail.
 */
public class ModelLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why loading failed, for callers that react differently (e.g. a GUI hint to install the locale). */
    public enum Reason {
        NOT_FOUND,
        NOT_READABLE,
        EMPTY_FILE,
        NOT_ONNX,
        TRUNCATED,
        OPSET_TOO_NEW,
        OPSET_TOO_OLD,
        IR_VERSION_TOO_NEW,
        MISSING_LOCALE,
        UNSUPPORTED_OPERATOR,
        INVALID_MODEL,
        RUNTIME_UNAVAILABLE,
        OTHER
    }

    private final String modelName;
    private final Reason reason;
    private final String ortDetail;

    /** Creates the exception; the message reads "Cannot load model 'NAME': EXPLANATION (ONNX Runtime: DETAIL)". */
    public ModelLoadException(String modelName, Reason reason, String explanation, String ortDetail, Throwable cause) {
        super("Cannot load model '" + modelName + "': " + explanation
                + (ortDetail == null || ortDetail.isBlank() ? "" : " (ONNX Runtime: " + ortDetail.strip() + ")"), cause);
        this.modelName = modelName;
        this.reason = reason;
        this.ortDetail = ortDetail;
    }

    /** The file name (or display name) of the model. */
    public String modelName() {
        return modelName;
    }

    /** Why loading failed. */
    public Reason reason() {
        return reason;
    }

    /** ONNX Runtime's own message, when ORT raised the error. */
    public Optional<String> ortDetail() {
        return Optional.ofNullable(ortDetail);
    }
}
