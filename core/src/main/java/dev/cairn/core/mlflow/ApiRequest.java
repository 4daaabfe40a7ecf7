package dev.cairn.core.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One API call's fields, from the JSON body (POST, PATCH, DELETE) or the query string (GET), read
 * the way MLflow's clients send them: int64 as numbers or strings, {@code run_uuid} beside {@code run_id}.
 */
public final class ApiRequest {

    private final byte[] rawBody;
    private final Map<String, List<String>> query;
    private JsonNode body;

    public ApiRequest(byte[] rawBody, Map<String, List<String>> query) {
        this.rawBody = rawBody;
        this.query = query;
    }

    /** The body as sent, for endpoints that stream it (log-batch). */
    public byte[] rawBody() {
        return rawBody;
    }

    /** The JSON body as a tree, parsed on first use; a missing node when there is no body. */
    public JsonNode body() {
        if (body == null) {
            body = rawBody.length == 0 ? MissingNode.getInstance() : parse(rawBody);
        }
        return body;
    }

    private static JsonNode parse(byte[] raw) {
        JsonNode json;
        try {
            json = MlflowServer.MAPPER.readTree(raw);
        } catch (IOException e) {
            throw malformed(e);
        }
        if (!json.isObject()) {
            throw new ApiException("MALFORMED_REQUEST", 400, "The request body must be a JSON object");
        }
        return json;
    }

    static ApiException malformed(IOException e) {
        String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return new ApiException("MALFORMED_REQUEST", 400, "Malformed JSON request body: " + detail);
    }

    /** A string field, or null when absent. */
    public String string(String field) {
        JsonNode node = body().get(field);
        if (node != null && !node.isNull()) {
            return node.isValueNode() ? node.asText() : node.toString();
        }
        List<String> values = query.get(field);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String required(String field) {
        String value = string(field);
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(field);
        }
        return value;
    }

    /** An int64 field sent as a number or a numeric string, or null when absent. */
    public Long int64(String field) {
        String value = string(field);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("Invalid value '" + value + "' for parameter '" + field + "': expected an integer");
        }
    }

    public Integer int32(String field) {
        Long value = int64(field);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ApiException.invalid("Invalid value " + value + " for parameter '" + field + "'");
        }
        return value.intValue();
    }

    public boolean bool(String field) {
        return Boolean.parseBoolean(string(field));
    }

    /** A repeated field: a JSON array, or the query parameter given several times. */
    public List<String> strings(String field) {
        JsonNode node = body().get(field);
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
            return values;
        }
        if (node != null && node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
            return values;
        }
        return query.getOrDefault(field, List.of());
    }

    /** The run id from {@code run_id}, or from the deprecated {@code run_uuid}. */
    public String runId() {
        String runId = string("run_id");
        if (runId == null || runId.isEmpty()) {
            runId = string("run_uuid");
        }
        if (runId == null || runId.isEmpty()) {
            throw ApiException.missing("run_id");
        }
        return runId;
    }

    /** A double sent as a number, or as "NaN", "Infinity", "-Infinity" (protobuf JSON) or Python's spellings. */
    public static double parseDouble(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ApiException.missing(field);
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        String text = node.asText().trim();
        return switch (text) {
            case "NaN", "nan" -> Double.NaN;
            case "Infinity", "inf", "+inf", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw ApiException.invalid("Invalid value '" + text + "' for parameter '" + field + "': expected a number");
                }
            }
        };
    }

    /** An int64 inside a nested object, as a number or a numeric string; {@code fallback} when absent. */
    public static long parseLong(JsonNode node, String field, Long fallback) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (fallback == null) {
                throw ApiException.missing(field);
            }
            return fallback;
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw ApiException.invalid("Invalid value " + node.asText() + " for parameter '" + field
                        + "': it does not fit in an int64");
            }
            return node.longValue();
        }
        try {
            return Long.parseLong(node.asText().trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("Invalid value '" + node.asText() + "' for parameter '" + field + "'");
        }
    }
}
