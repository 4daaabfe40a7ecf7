package dev.cairn.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;

/** One API operation: a request's fields in, the JSON answer out (or an {@link ApiException}). */
@FunctionalInterface
interface Endpoint {

    JsonNode handle(ApiRequest request) throws Exception;
}
