package dev.cairn.core.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HexFormat;

/** Reads one line of the model server's prediction log ({@code PredictionLog}'s format) into a {@link LoggedPrediction}. */
final class PredictionLogLine {

    /** A line that is not a prediction: skipped and counted by the puller, never stored. */
    static final class MalformedLineException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedLineException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PredictionLogLine() {
    }

    static LoggedPrediction parse(String line) throws MalformedLineException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedLineException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedLineException("not a JSON object");
        }
        Instant time;
        try {
            time = Instant.parse(required(node, "time"));
        } catch (DateTimeException e) {
            throw new MalformedLineException("'time' is not an ISO-8601 instant: " + node.path("time").asText());
        }
        JsonNode inputs = node.path("inputs");
        JsonNode outputs = node.path("outputs");
        if (!inputs.isArray() || !outputs.isArray()) {
            throw new MalformedLineException("'inputs' and 'outputs' must be arrays of tensors");
        }
        JsonNode latency = node.path("latency_ms");
        return new LoggedPrediction(time, text(node, "id"), required(node, "model"), text(node, "version"),
                required(node, "endpoint"), latency.isNumber() ? latency.asDouble() : Double.NaN, inputs.toString(),
                outputs.toString(), sha256(line));
    }

    private static String required(JsonNode node, String field) throws MalformedLineException {
        String value = text(node, field);
        if (value == null) {
            throw new MalformedLineException("'" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
