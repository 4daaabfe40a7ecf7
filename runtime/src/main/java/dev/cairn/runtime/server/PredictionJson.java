package dev.cairn.runtime.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Encodes a {@link Prediction} as one JSON line of the prediction log, summarizing tensors too large to list.
 */
final class PredictionJson {

    /** Fixed width (always milliseconds) so that times compare as text: readers filter lines without parsing them. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Every line starts with this, followed by the time in {@link #TIME} form and a quote. */
    static final String LINE_PREFIX = "{\"time\":\"";

    static final int HEAD_VALUES = 16;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final int maxLoggedValues;

    PredictionJson(int maxLoggedValues) {
        this.maxLoggedValues = maxLoggedValues;
    }

    /** Appends the line for {@code prediction}, ending in a newline, to {@code into}. */
    void writeLine(Prediction prediction, ByteArrayOutputStream into) throws IOException {
        ObjectNode line = NODES.objectNode();
        line.put("time", TIME.format(prediction.time()));
        line.put("id", prediction.requestId());
        line.put("model", prediction.model());
        line.put("version", prediction.version());
        line.put("endpoint", prediction.endpoint());
        // Microsecond resolution is plenty for a latency and keeps the lines short.
        line.put("latency_ms", Math.round(prediction.latencyNanos() / 1_000.0) / 1_000.0);
        ArrayNode inputs = line.putArray("inputs");
        prediction.inputs().forEach(tensor -> inputs.add(writeTensor(tensor)));
        line.set("outputs", OipJson.writeOutputs(prediction.outputs(), this::writeTensor));
        OipJson.mapper().writeValue(into, line);
        into.write('\n');
    }

    /** The OIP tensor, or a summary of it when it holds more than {@code maxLoggedValues} values. */
    ObjectNode writeTensor(Tensor tensor) {
        int count = tensor.elementCount();
        if (count <= maxLoggedValues) {
            return OipJson.writeTensor(tensor);
        }
        ObjectNode node = OipJson.writeTensorHeader(tensor);
        node.put("truncated", true);
        node.put("count", count);
        node.set("head", OipJson.writeTensor(head(tensor)).get("data"));
        if (tensor.type().isFloatingPoint() || tensor.type().isInteger()) {
            addStatistics(tensor, node);
        }
        return node;
    }

    private static Tensor head(Tensor tensor) {
        int length = Math.min(HEAD_VALUES, tensor.elementCount());
        Object values = Array.newInstance(tensor.data().getClass().getComponentType(), length);
        System.arraycopy(tensor.data(), 0, values, 0, length);
        return new Tensor(tensor.name(), tensor.type(), new long[] {length}, values);
    }

    /** Min, max and mean over the values that are not NaN; NaNs are counted instead, so one NaN spoils nothing. */
    private static void addStatistics(Tensor tensor, ObjectNode node) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int numbers = 0;
        int count = tensor.elementCount();
        for (int i = 0; i < count; i++) {
            double value = tensor.doubleAt(i);
            if (!Double.isNaN(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
                sum += value;
                numbers++;
            }
        }
        if (numbers == 0) {
            node.putNull("min");
            node.putNull("max");
            node.putNull("mean");
        } else {
            putNumber(node, "min", min);
            putNumber(node, "max", max);
            putNumber(node, "mean", sum / numbers);
        }
        if (tensor.type().isFloatingPoint()) {
            node.put("nan_count", count - numbers);
        }
    }

    /** Non-finite values as the strings OIP uses for them, since JSON has no numbers for them. */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.put(field, OipJson.nonFinite(value));
        }
    }
}
