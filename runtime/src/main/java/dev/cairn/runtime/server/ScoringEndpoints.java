package dev.cairn.runtime.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.CairnVersion;
import dev.cairn.runtime.codec.MlflowScoring;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.model.RunResult;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

/**
 * MLflow's scoring protocol, as {@code mlflow models serve} answers it: {@code POST /invocations} with JSON
 * ({@code dataframe_split}, {@code dataframe_records}, {@code instances} or {@code inputs}) or CSV, and
 * {@code GET /ping}, {@code /health}, {@code /version}. Existing MLflow clients and scripts work unchanged.
 */
final class ScoringEndpoints {

    private final ServedModel model;
    private final ServerContext context;

    ScoringEndpoints(ServedModel model, ServerContext context) {
        this.model = model;
        this.context = context;
    }

    /** Answers the path if it is one of MLflow's; false otherwise. */
    boolean handle(Call call, String path) throws IOException {
        switch (path) {
            case "/invocations" -> {
                call.endpoint("invocations", Call.ErrorShape.MLFLOW).requireMethod("POST");
                invocations(call);
            }
            case "/ping", "/health" -> {
                call.endpoint("ping", Call.ErrorShape.TEXT).requireMethod("GET");
                call.text(context.isReady() ? 200 : 503, "application/json", "\n");
            }
            case "/version" -> {
                call.endpoint("version", Call.ErrorShape.TEXT).requireMethod("GET");
                call.text(200, "text/plain; charset=utf-8", CairnVersion.current());
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void invocations(Call call) throws IOException {
        String contentType = call.header("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.equals("text/csv")) {
            throw new HttpError(415, "BAD_REQUEST", "Content-Type must be application/json or text/csv, got "
                    + (contentType == null ? "none" : "'" + contentType + "'"));
        }
        ObjectNode response = OipJson.mapper().createObjectNode();
        context.gate().admit();
        try {
            byte[] body = call.body(context.options().maxBodyBytes());
            MlflowScoring.Request request = mediaType.equals("text/csv")
                    ? MlflowScoring.readCsv(new String(body, charset(contentType)), model.runner().inputs())
                    : MlflowScoring.readJson(body, model.runner().inputs());
            RunResult result = context.run(model, request.inputs(), List.of());
            response.set("predictions", MlflowScoring.predictions(result.outputs(), request.tabular()));
            context.log(call, null, request.inputs(), result.outputs(), model);
        } finally {
            context.gate().leave(); // before answering, as OipEndpoints does
        }
        call.json(200, response);
    }

    /** The charset parameter of a content type; UTF-8 when there is none. */
    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String name = pair[1].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new HttpError(415, "BAD_REQUEST", "unknown charset '" + name + "'");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
