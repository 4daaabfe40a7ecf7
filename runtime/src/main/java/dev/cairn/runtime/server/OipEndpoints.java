package dev.cairn.runtime.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.CairnVersion;
import dev.cairn.runtime.codec.InferenceRequest;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.codec.OipRequestReader;
import dev.cairn.runtime.model.RunResult;
import dev.cairn.runtime.tensor.IoKind;
import dev.cairn.runtime.tensor.IoSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol (KServe V2) REST endpoints under {@code /v2}: health, server and model metadata,
 * readiness, inference, and Cairn's prediction log ({@code /v2/logs/predictions}).
 */
final class OipEndpoints {

    private final ServedModel model;
    private final ServerContext context;
    private final ObjectNode serverMetadata;
    private final ObjectNode modelMetadata;

    OipEndpoints(ServedModel model, ServerContext context) {
        this.model = model;
        this.context = context;
        this.serverMetadata = OipJson.mapper().createObjectNode().put("name", "cairn-runtime")
                .put("version", CairnVersion.current());
        serverMetadata.putArray("extensions");
        this.modelMetadata = metadata(model);
    }

    void handle(Call call, String path) throws IOException {
        List<String> parts = segments(path);
        int size = parts.size();
        if (size == 1) {
            call.endpoint("server_metadata", Call.ErrorShape.OIP).requireMethod("GET");
            call.json(200, serverMetadata);
        } else if (size == 3 && parts.get(1).equals("health")) {
            call.endpoint("health", Call.ErrorShape.OIP).requireMethod("GET");
            switch (parts.get(2)) {
                case "live" -> call.empty(200);
                case "ready" -> call.empty(context.isReady() ? 200 : 503);
                default -> throw noRoute(call, path);
            }
        } else if (size == 3 && parts.get(1).equals("logs") && parts.get(2).equals("predictions")) {
            call.endpoint("prediction_log", Call.ErrorShape.OIP).requireMethod("GET");
            predictionLog(call);
        } else if (size >= 3 && parts.get(1).equals("models")) {
            model(call, path, parts);
        } else {
            throw noRoute(call, path);
        }
    }

    /** {@code /v2/models/{name}[/versions/{v}][/ready|/infer]}. */
    private void model(Call call, String path, List<String> parts) throws IOException {
        String name = parts.get(2);
        String version = null;
        int next = 3;
        if (parts.size() >= 5 && parts.get(3).equals("versions")) {
            version = parts.get(4);
            next = 5;
        }
        String action = parts.size() == next ? "" : parts.size() == next + 1 ? parts.get(next) : null;
        if (action == null || !(action.isEmpty() || action.equals("ready") || action.equals("infer"))) {
            throw noRoute(call, path);
        }
        call.endpoint(action.isEmpty() ? "model_metadata" : action.equals("ready") ? "model_ready" : "infer",
                Call.ErrorShape.OIP);
        if (!name.equals(model.name()) || (version != null && !version.equals(model.version()))) {
            throw HttpError.notFound("model '" + name + "'" + (version == null ? "" : " version '" + version + "'")
                    + " is not served here; this server serves '" + model.name() + "' version '" + model.version()
                    + "'");
        }
        switch (action) {
            case "" -> {
                call.requireMethod("GET");
                call.json(200, modelMetadata);
            }
            case "ready" -> {
                call.requireMethod("GET");
                call.empty(context.isReady() ? 200 : 503);
            }
            default -> {
                call.requireMethod("POST");
                infer(call);
            }
        }
    }

    private void infer(Call call) throws IOException {
        if (call.header("Inference-Header-Content-Length") != null) {
            throw new HttpError(501, "NOT_IMPLEMENTED",
                    "the binary tensor data extension is not supported; send the tensors as JSON");
        }
        ObjectNode response;
        context.gate().admit();
        try {
            byte[] body = call.body(context.options().maxBodyBytes());
            InferenceRequest request = OipRequestReader.read(body, model.runner().inputs());
            RunResult result = context.run(model, request.inputs(), request.outputNames());
            response = OipJson.writeResponse(model.name(), model.version(), request.id(), result.outputs());
            // Logged before answering, so a client that reads the log after its answer finds the entry.
            context.log(call, request.id(), request.inputs(), result.outputs(), model);
        } finally {
            // The slot is free before the answer goes out: the client's next request must not find it taken,
            // and a client slow to read its answer holds a thread, not a slot.
            context.gate().leave();
        }
        call.json(200, response);
    }

    private void predictionLog(Call call) throws IOException {
        PredictionLog log = context.predictionLog();
        if (log == null) {
            throw HttpError.notFound("the prediction log is off; start the server with --log-dir DIR to keep one");
        }
        Map<String, String> query = query(call.exchange().getRequestURI().getRawQuery());
        Instant since;
        int limit;
        try {
            since = PredictionLog.parseSince(query.get("since"));
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 0;
            if (query.containsKey("limit") && limit <= 0) {
                throw HttpError.badRequest("limit must be a positive whole number, got " + limit
                        + " (leave it out for every entry)");
            }
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e instanceof NumberFormatException
                    ? "limit must be a whole number, got '" + query.get("limit") + "'" : e.getMessage());
        }
        try (OutputStream out = call.stream(200, "application/x-ndjson")) {
            log.streamSince(since, limit, out);
        }
    }

    private static HttpError noRoute(Call call, String path) {
        return HttpError.notFound("no such endpoint: " + call.method() + " " + path);
    }

    private static List<String> segments(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.substring(1).split("/")) {
            if (!part.isEmpty()) {
                parts.add(decode(part));
            }
        }
        return parts;
    }

    /** Percent-decoding as paths use it: unlike a form, a '+' in a path is a plus, not a space. */
    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    /**
     * The model's metadata: dynamic dimensions as -1, platform {@code onnx_onnxv1}. Outputs the protocol has no
     * tensor for say so in {@code parameters.onnx_type}; a ZipMap is answered as an FP32 [N, classes] tensor.
     */
    private static ObjectNode metadata(ServedModel model) {
        ObjectNode node = OipJson.mapper().createObjectNode();
        node.put("name", model.name());
        node.putArray("versions").add(model.version());
        node.put("platform", "onnx_onnxv1");
        ArrayNode inputs = node.putArray("inputs");
        model.runner().inputs().forEach(spec -> inputs.add(tensorMetadata(spec)));
        ArrayNode outputs = node.putArray("outputs");
        model.runner().outputs().forEach(spec -> outputs.add(tensorMetadata(spec)));
        return node;
    }

    private static ObjectNode tensorMetadata(IoSpec spec) {
        ObjectNode node = OipJson.mapper().createObjectNode();
        node.put("name", spec.name());
        node.put("datatype", spec.elementType() == null ? "BYTES" : spec.elementType().oipDatatype());
        ArrayNode shape = node.putArray("shape");
        if (spec.kind() == IoKind.TENSOR && spec.shape().isRankKnown()) {
            for (long dim : spec.shape().dims()) {
                shape.add(dim);
            }
        } else if (spec.kind() == IoKind.SEQUENCE && spec.mapKeyType() != null) {
            shape.add(-1).add(-1); // ZipMap: one row per batch element, one column per class
        } else {
            shape.add(-1);
        }
        if (spec.kind() != IoKind.TENSOR) {
            node.putObject("parameters").put("onnx_type", spec.typeDescription());
        }
        return node;
    }
}
