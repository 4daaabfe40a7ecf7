package dev.cairn.runtime.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The router's admin API, on its own port so it can stay off the public network: {@code GET|PUT /router/routes}
 * (the {@link RouteTable} as JSON) and {@code GET /router/stats} (requests, errors, in flight and latency per upstream).
 */
final class RouterAdmin {

    static final String ROUTES = "/router/routes";
    static final String STATS = "/router/stats";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TABLE_BYTES = 1 << 20;

    private final Router router;

    RouterAdmin(Router router) {
        this.router = router;
    }

    void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(ROUTES) && method.equals("GET")) {
                Router.answer(exchange, 200, JSON.writeValueAsBytes(router.routes()));
            } else if (path.equals(ROUTES) && method.equals("PUT")) {
                replace(exchange);
            } else if (path.equals(STATS) && method.equals("GET")) {
                Router.answer(exchange, 200, JSON.writeValueAsBytes(router.statsJson()));
            } else {
                Router.answer(exchange, 404, error("no such endpoint: " + method + " " + path + "; see GET|PUT "
                        + ROUTES + " and GET " + STATS));
            }
        } catch (IOException e) {
            // The caller went away.
        }
    }

    private void replace(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_TABLE_BYTES);
        }
        RouteTable table;
        try {
            table = JSON.readValue(body, RouteTable.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            Router.answer(exchange, 400, error("not a route table: " + cause.getMessage().lines().findFirst().orElse("")));
            return;
        }
        router.replaceRoutes(table);
        Router.answer(exchange, 200, JSON.writeValueAsBytes(table));
    }

    private static byte[] error(String message) throws JsonProcessingException {
        return JSON.writeValueAsBytes(Map.of("error", message));
    }
}
