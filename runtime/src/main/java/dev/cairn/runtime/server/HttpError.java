package dev.cairn.runtime.server;

/**
 * A request the server answers with an error status; {@code mlflowCode} is the {@code error_code} MLflow's scoring
 * protocol puts beside the message.
 */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String mlflowCode;

    HttpError(int status, String mlflowCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.mlflowCode = mlflowCode;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, "BAD_REQUEST", message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, "RESOURCE_DOES_NOT_EXIST", message);
    }

    static HttpError unavailable(String message) {
        return new HttpError(503, "TEMPORARILY_UNAVAILABLE", message);
    }

    int status() {
        return status;
    }

    String mlflowCode() {
        return mlflowCode;
    }
}
