package dev.cairn.core.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.testing.IrisTraffic;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.runtime.server.ModelServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a user sees when a log cannot be pulled, and how damaged lines are skipped. */
@ExtendWith(FreshWorkspaceExtension.class)
class MonitorPullErrorsTest {

    private static final String GOOD = "{\"time\":\"2026-11-23T10:00:00.000Z\",\"id\":\"a\",\"model\":\"m\",\"version\":null,"
            + "\"endpoint\":\"infer\",\"latency_ms\":0.5,\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\","
            + "\"data\":[1.0,2.0]}],\"outputs\":[{\"name\":\"y\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[1]}]}";

    @Test
    void anUnreachableServerIsNamedWithWhatToCheck(Workspace workspace) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PredictionMonitor monitor = PredictionMonitor.of(workspace.store(), Clock.systemUTC());
        assertThatThrownBy(() -> monitor.pull("gone", "http://127.0.0.1:" + closedPort, ProgressListener.NONE,
                Cancellation.NEVER)).isInstanceOf(MonitoringException.class)
                .hasMessageStartingWith("Cannot reach http://127.0.0.1:" + closedPort)
                .hasMessageEndingWith("check the address and that the server runs");
        assertThatThrownBy(() -> monitor.pull("ftp", "ftp://example.org/log", ProgressListener.NONE,
                Cancellation.NEVER)).isInstanceOf(MonitoringException.class)
                .hasMessageContaining("is not a model server URL");
    }

    @Test
    void aServerWithoutALogAnswers404AndTheMessageSaysWhy(Workspace workspace) throws Exception {
        PredictionMonitor monitor = PredictionMonitor.of(workspace.store(), Clock.systemUTC());
        try (ModelServer server = IrisTraffic.startServer(null)) {
            assertThatThrownBy(() -> monitor.pull("nolog", server.baseUri().toString(), ProgressListener.NONE,
                    Cancellation.NEVER)).isInstanceOf(MonitoringException.class)
                    .hasMessageContaining("answered 404")
                    .hasMessageContaining("the prediction log is off; start the server with --log-dir DIR");
        }
    }

    @Test
    void malformedLinesAreSkippedAndCountedNotFatal(Workspace workspace) throws Exception {
        String body = GOOD + "\n{\"time\":\"yesterday\",\"model\":\"m\"}\nnot json at all\n\n"
                + GOOD.replace("\"id\":\"a\"", "\"id\":\"b\"") + "\n";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/logs/predictions", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            PredictionMonitor monitor = PredictionMonitor.of(workspace.store(), Clock.systemUTC());
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            PredictionPuller.PullResult result = monitor.pull("damaged", url, ProgressListener.NONE,
                    Cancellation.NEVER);
            assertThat(result.received()).isEqualTo(4);
            assertThat(result.added()).isEqualTo(2);
            assertThat(result.malformed()).isEqualTo(2);
            assertThat(result.firstMalformed()).isEqualTo("line 2: 'time' is not an ISO-8601 instant: yesterday");
            assertThat(result.source().url()).as("stored without the trailing slash").doesNotEndWith("/");
            assertThat(monitor.pull("damaged", url, ProgressListener.NONE, Cancellation.NEVER).added()).isZero();
            assertThat(monitor.predictions().predictions("damaged")).extracting(LoggedPrediction::requestId)
                    .containsExactly("a", "b");
        } finally {
            server.stop(0);
        }
    }
}
