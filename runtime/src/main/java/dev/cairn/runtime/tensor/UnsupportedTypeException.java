package dev.cairn.runtime.tensor;

/**
 * A value of a type that ONNX Runtime's Java API (or Cairn) cannot create or read, such as uint16 inputs, float8,
 * int4, or sequence and optional inputs. Servers should answer it with 501 rather than 400: the caller cannot fix it.
 */
public class UnsupportedTypeException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the value and its type. */
    public UnsupportedTypeException(String message) {
        super(message);
    }

    /** The standard message for an input ONNX Runtime's Java API cannot build. */
    public static UnsupportedTypeException cannotCreate(IoSpec input) {
        return new UnsupportedTypeException("input '" + input.name() + "' has type " + input.typeForMessages()
                + ", which ONNX Runtime's Java API cannot create");
    }

    /** The standard message for an output ONNX Runtime's Java API cannot read. */
    public static UnsupportedTypeException cannotRead(String outputName, String type) {
        return new UnsupportedTypeException("output '" + outputName + "' has type " + type
                + ", which ONNX Runtime's Java API cannot read");
    }
}
