package dev.cairn.core.mlflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code runs/log-batch} body with Jackson's streaming parser, straight into metrics, params
 * and tags: the hot path of ingest builds no JSON tree. Accepts what MLflow's clients send (int64 as
 * strings, NaN and infinities as strings or bare tokens, {@code run_uuid}); unknown fields are skipped.
 */
final class LogBatchReader {

    /** A parsed batch; runId may be null when the body named none. */
    record Batch(String runId, List<Metric> metrics, List<Tag> params, List<Tag> tags) {
    }

    private LogBatchReader() {
    }

    static Batch read(byte[] body) {
        try (JsonParser parser = MlflowServer.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ApiException("MALFORMED_REQUEST", 400, "The request body must be a JSON object");
            }
            String runId = null;
            String runUuid = null;
            List<Metric> metrics = new ArrayList<>();
            List<Tag> params = new ArrayList<>();
            List<Tag> tags = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "run_id" -> runId = text(parser, value);
                    case "run_uuid" -> runUuid = text(parser, value);
                    case "metrics" -> readArray(parser, value, "metrics", () -> metrics.add(metric(parser)));
                    case "params" -> readArray(parser, value, "params", () -> params.add(tag(parser)));
                    case "tags" -> readArray(parser, value, "tags", () -> tags.add(tag(parser)));
                    default -> parser.skipChildren();
                }
            }
            return new Batch(runId != null && !runId.isEmpty() ? runId : runUuid, metrics, params, tags);
        } catch (IOException e) {
            throw ApiRequest.malformed(e);
        }
    }

    private interface ElementReader {
        void read() throws IOException;
    }

    private static void readArray(JsonParser parser, JsonToken start, String field, ElementReader element)
            throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return;
        }
        if (start != JsonToken.START_ARRAY) {
            throw ApiException.invalid("Field '" + field + "' must be a list");
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            element.read();
        }
    }

    private static Metric metric(JsonParser parser) throws IOException {
        String key = null;
        Double value = null;
        Long timestamp = null;
        long step = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "key" -> key = text(parser, token);
                case "value" -> value = number(parser, token);
                case "timestamp" -> timestamp = integer(parser, token, "timestamp");
                case "step" -> step = token == JsonToken.VALUE_NULL ? 0 : integer(parser, token, "step");
                default -> parser.skipChildren();
            }
        }
        if (key == null) {
            throw ApiException.missing("key");
        }
        if (value == null) {
            throw ApiException.missing("value");
        }
        if (timestamp == null) {
            throw ApiException.missing("timestamp");
        }
        return new Metric(key, value, timestamp, step);
    }

    private static Tag tag(JsonParser parser) throws IOException {
        String key = null;
        String value = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "key" -> key = text(parser, token);
                case "value" -> value = text(parser, token);
                default -> parser.skipChildren();
            }
        }
        if (key == null) {
            throw ApiException.missing("key");
        }
        if (value == null) {
            throw ApiException.missing("value");
        }
        return new Tag(key, value);
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw ApiException.invalid("Field '" + parser.currentName() + "' must be a string");
        }
        return parser.getText();
    }

    private static double number(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            return ApiRequest.parseDouble(MlflowServer.MAPPER.getNodeFactory().textNode(parser.getText()), "value");
        }
        throw ApiException.invalid("Field 'value' must be a number");
    }

    private static long integer(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(parser.getText().trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("Invalid value '" + parser.getText() + "' for parameter '" + field + "'");
            }
        }
        throw ApiException.invalid("Field '" + field + "' must be an integer");
    }
}
