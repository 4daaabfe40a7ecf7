package dev.cairn.core.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One tensor of a logged prediction, as the prediction log writes it (Open Inference Protocol form), with its values
 * as text: numbers as JSON wrote them, NaN as missing. A summarised tensor (over the log's value limit) has no values.
 *
 * @param keys class keys of a flattened ZipMap ({@code parameters.zipmap_keys}), or null
 */
record LoggedTensor(String name, String datatype, long[] shape, List<String> values, boolean summarised,
        List<String> keys) {

    static LoggedTensor of(JsonNode node) {
        JsonNode shapeNode = node.path("shape");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
        }
        boolean summarised = node.path("truncated").asBoolean(false);
        List<String> values = new ArrayList<>();
        if (!summarised) {
            flatten(node.path("data"), values);
        }
        JsonNode keyNode = node.path("parameters").path("zipmap_keys");
        List<String> keys = null;
        if (keyNode.isArray()) {
            keys = new ArrayList<>();
            for (JsonNode key : keyNode) {
                keys.add(key.asText());
            }
        }
        return new LoggedTensor(node.path("name").asText(), node.path("datatype").asText(), shape, values, summarised,
                keys);
    }

    /** Rows along the first dimension, or -1 for a scalar. */
    long rows() {
        return shape.length == 0 ? -1 : shape[0];
    }

    /** Values per row: 1 for [N] and [N, 1], k for [N, k], -1 for anything of higher rank. */
    int width() {
        return shape.length == 1 ? 1 : shape.length == 2 ? (int) shape[1] : -1;
    }

    /** Floating-point values are measurements; integers, strings and booleans out of a model are labels. */
    boolean floatingPoint() {
        return datatype.startsWith("FP") || datatype.startsWith("BF");
    }

    /** Data is row-major, flat or nested (the protocol allows both), so nesting is flattened in order. */
    private static void flatten(JsonNode data, List<String> into) {
        if (data.isArray()) {
            for (JsonNode element : data) {
                flatten(element, into);
            }
        } else if (data.isNull() || data.isMissingNode() || data.isTextual() && data.asText().equals("NaN")) {
            into.add(null);
        } else {
            into.add(data.asText());
        }
    }
}
