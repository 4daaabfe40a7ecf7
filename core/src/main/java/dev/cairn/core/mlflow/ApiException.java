package dev.cairn.core.mlflow;

/** An error answered in MLflow's shape: {@code {"error_code": ..., "message": ...}} with its HTTP status. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int status;

    public ApiException(String errorCode, int status, String message) {
        super(message);
        this.errorCode = errorCode;
        this.status = status;
    }

    public static ApiException invalid(String message) {
        return new ApiException("INVALID_PARAMETER_VALUE", 400, message);
    }

    public static ApiException missing(String field) {
        return invalid("Missing value for required parameter '" + field
                + "'. See the API docs for more information about request parameters.");
    }

    public String errorCode() {
        return errorCode;
    }

    public int status() {
        return status;
    }
}
