package dev.cairn.core.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.OperationCancelledException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a model server's prediction log over HTTP ({@code GET /v2/logs/predictions?since=&limit=}), one page of NDJSON
 * at a time. A line that is not a prediction is skipped and counted, so one damaged line never blocks the rest.
 */
public final class PredictionLogClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** For the whole page: a server streams 10,000 lines in well under a second, so a minute means it is stuck. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String PATH = "/v2/logs/predictions";
    private static final int CANCEL_CHECK_LINES = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One page of the log.
     *
     * @param lines non-empty lines received
     * @param malformed lines that were not predictions, skipped
     * @param firstMalformed why the first skipped line was skipped, with its number in the page; null when none was
     */
    public record Page(List<LoggedPrediction> predictions, int lines, int malformed, String firstMalformed) {
        public Page {
            predictions = List.copyOf(predictions);
        }
    }

    private final HttpClient http;
    private final Duration requestTimeout;

    public PredictionLogClient() {
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build(), REQUEST_TIMEOUT);
    }

    PredictionLogClient(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The server's base URL checked and without a trailing slash, e.g. {@code http://127.0.0.1:8080}.
     *
     * @throws MonitoringException when it is not an absolute http(s) URL
     */
    public static URI baseUri(String url) {
        String trimmed = url == null ? "" : url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // the message below says what is expected
        }
        throw new MonitoringException("'" + url + "' is not a model server URL; give one such as "
                + "http://127.0.0.1:8080 (the address of 'cairn serve', cairn-runtime.jar or a deployment)");
    }

    /**
     * Fetches the lines logged at or after {@code since} (all when null), at most {@code limit}.
     *
     * @throws MonitoringException when the server cannot be reached or does not answer 200
     */
    public Page fetch(URI base, Instant since, int limit, Cancellation cancellation) {
        URI uri = URI.create(base + PATH + "?limit=" + limit + (since == null ? "" : "&since=" + since.toEpochMilli()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/x-ndjson").GET().build();
        HttpResponse<InputStream> response = send(base, request);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new MonitoringException(base + " answered " + response.statusCode() + " to " + PATH + ": "
                        + errorText(body) + hint(response.statusCode()));
            }
            return read(body, cancellation);
        } catch (HttpTimeoutException e) {
            throw new MonitoringException(base + " stopped sending its prediction log (no data for "
                    + requestTimeout.toSeconds() + " s); try again, or pull fewer lines at a time", e);
        } catch (IOException e) {
            throw new MonitoringException("Reading the prediction log from " + base + " failed (" + e
                    + "); pull again, nothing stored so far is lost", e);
        }
    }

    private HttpResponse<InputStream> send(URI base, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new MonitoringException("Cannot reach " + base + ": no answer within " + CONNECT_TIMEOUT.toSeconds()
                    + " s; check the address and that the server runs", e);
        } catch (HttpTimeoutException e) {
            throw new MonitoringException(base + " did not answer within " + requestTimeout.toSeconds()
                    + " s; check that it is a Cairn model server and not overloaded", e);
        } catch (ConnectException e) {
            throw new MonitoringException("Cannot reach " + base + " (" + (e.getMessage() == null
                    ? "connection refused" : e.getMessage()) + "); check the address and that the server runs", e);
        } catch (IOException e) {
            throw new MonitoringException("Cannot reach " + base + " (" + e + "); check the address and that the "
                    + "server runs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException();
        }
    }

    private static Page read(InputStream body, Cancellation cancellation) throws IOException {
        List<LoggedPrediction> predictions = new ArrayList<>();
        int lines = 0;
        int malformed = 0;
        String firstMalformed = null;
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            if (lines % CANCEL_CHECK_LINES == 0) {
                cancellation.throwIfCancelled();
            }
            try {
                predictions.add(PredictionLogLine.parse(line));
            } catch (PredictionLogLine.MalformedLineException e) {
                malformed++;
                if (firstMalformed == null) {
                    firstMalformed = "line " + lines + ": " + e.getMessage();
                }
            }
        }
        return new Page(predictions, lines, malformed, firstMalformed);
    }

    /** The server's {@code {"error": ...}} (or MLflow-style {@code message}) text, or the start of what it sent. */
    private static String errorText(InputStream body) throws IOException {
        String text = new String(body.readNBytes(2_000), StandardCharsets.UTF_8).strip();
        try {
            JsonNode json = MAPPER.readTree(text);
            JsonNode error = json == null ? null : json.has("error") ? json.get("error") : json.get("message");
            if (error != null && error.isTextual()) {
                return error.asText();
            }
        } catch (JsonProcessingException notJson) {
            // an HTML page or plain text: shown as it is
        }
        return text.isEmpty() ? "(no body)" : text;
    }

    private static String hint(int status) {
        return status == 404 ? " (is it a Cairn model server started with --log-dir?)" : "";
    }
}
