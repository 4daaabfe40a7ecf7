package dev.cairn.core.mlflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.ModelMetric;
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

    /**
     * A parsed batch; runId may be null when the body named none. {@code modelMetrics} are those of {@code metrics}
     * that name a logged model (MLflow 3's {@code model_id}, with {@code dataset_name}/{@code dataset_digest}).
     */
    record Batch(String runId, List<Metric> metrics, List<Tag> params, List<Tag> tags, List<ModelMetric> modelMetrics) {
    }

    /** A metric as sent, with the logged model and dataset it may name. */
    private record Point(Metric metric, String modelId, String datasetName, String datasetDigest) {
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
            List<Point> points = new ArrayList<>();
            List<Tag> params = new ArrayList<>();
            List<Tag> tags = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "run_id" -> runId = text(parser, value);
                    case "run_uuid" -> runUuid = text(parser, value);
                    case "metrics" -> readArray(parser, value, "metrics", () -> points.add(point(parser)));
                    case "params" -> readArray(parser, value, "params", () -> params.add(tag(parser)));
                    case "tags" -> readArray(parser, value, "tags", () -> tags.add(tag(parser)));
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new ApiException("MALFORMED_REQUEST", 400, "The request body must be one JSON object, with "
                        + "nothing after it");
            }
            String run = runId != null && !runId.isEmpty() ? runId : runUuid;
            List<Metric> metrics = new ArrayList<>(points.size());
            List<ModelMetric> modelMetrics = new ArrayList<>();
            for (Point point : points) {
                metrics.add(point.metric());
                if (point.modelId() != null && !point.modelId().isEmpty()) {
                    modelMetrics.add(new ModelMetric(point.modelId(), point.metric(), point.datasetName(),
                            point.datasetDigest(), run));
                }
            }
            return new Batch(run, metrics, params, tags, modelMetrics);
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
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            element.read();
        }
        if (token != JsonToken.END_ARRAY) {
            // Stopping here would store the elements before and drop the rest of the body unread.
            throw ApiException.invalid("Each element of '" + field + "' must be an object, got " + describe(token));
        }
    }

    private static String describe(JsonToken token) {
        return token == null ? "the end of the body" : switch (token) {
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static Point point(JsonParser parser) throws IOException {
        String key = null;
        Double value = null;
        Long timestamp = null;
        long step = 0;
        String modelId = null;
        String datasetName = null;
        String datasetDigest = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "key" -> key = text(parser, token);
                case "value" -> value = number(parser, token);
                case "timestamp" -> timestamp = integer(parser, token, "timestamp");
                case "step" -> step = token == JsonToken.VALUE_NULL ? 0 : integer(parser, token, "step");
                case "model_id" -> modelId = text(parser, token);
                case "dataset_name" -> datasetName = text(parser, token);
                case "dataset_digest" -> datasetDigest = text(parser, token);
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
        return new Point(new Metric(key, value, timestamp, step), modelId, datasetName, datasetDigest);
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
