package dev.cairn.runtime.tensor;

import java.util.Optional;

/**
 * A request, CSV file or tensor list does not fit the model: an unknown or missing input, a wrong datatype or shape,
 * or a value the type cannot hold. The message names the input and says what was expected and what was given.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String inputName;

    /** An error about the request as a whole. */
    public InvalidInputException(String message) {
        this(null, message);
    }

    /** An error about one input. */
    public InvalidInputException(String inputName, String message) {
        super(message);
        this.inputName = inputName;
    }

    /** The input the error is about, when it is about one. */
    public Optional<String> inputName() {
        return Optional.ofNullable(inputName);
    }
}
