package dev.cairn.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.cli.RuntimeMain;
import dev.cairn.testdata.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn-runtime} as its own process, the way a container runs it: start-up, slow clients, SIGTERM. */
class ServerProcessTest {

    @TempDir
    Path folder;

    private static final Pattern READY = Pattern.compile("at (http://\\S+); ready in (\\d+) ms");
    private static final String BODY = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2]}]}";

    @Test
    void sigtermDrainsTheRequestInFlightAndExitsZero() throws Exception {
        Path model = TestData.path("models/tribuo_iris_lr.onnx");
        // The class path goes in an argument file: ONNX Runtime 1.29's native library crashes the JVM while loading
        // when the process's command line is longer than about 4 KB.
        Path argFile = Files.writeString(folder.resolve("java.args"), "-cp \"" + System.getProperty("java.class.path")
                .replace("\\", "\\\\") + "\"");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argFile, RuntimeMain.class.getName(), "--model", model.toString(),
                "--name", "iris", "--host", "127.0.0.1", "--port", "0", "--request-timeout", "1")
                .redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        Thread pump = new Thread(() -> reader.lines().forEach(output::add));
        pump.start();
        try {
            URI base = awaitReady(output);
            HttpTestClient client = new HttpTestClient(base);
            assertThat(client.postJson("/v2/models/iris/infer", BODY).statusCode()).isEqualTo(200);

            // A client that never finishes its request is cut off after --request-timeout.
            try (HttpTestClient.SlowRequest stalled = new HttpTestClient.SlowRequest(base, "/v2/models/iris/infer",
                    BODY, 5)) {
                assertThat(stalled.closedByServer(10_000)).isTrue();
            }
            assertThat(client.postJson("/v2/models/iris/infer", BODY).statusCode()).isEqualTo(200);

            // A request is in flight (half its body sent) when SIGTERM arrives: it is still answered.
            try (HttpTestClient.SlowRequest inFlight = new HttpTestClient.SlowRequest(base, "/v2/models/iris/infer",
                    BODY, 30)) {
                awaitInflight(client);
                // Not Process.destroy(): it sends SIGTERM too, but closes our end of the process's output.
                new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
                awaitLine(output, "SIGTERM: draining");
                assertThat(client.get("/v2/health/ready").statusCode()).isEqualTo(503);
                assertThat(client.postJson("/v2/models/iris/infer", BODY).statusCode()).isEqualTo(503);
                Thread.sleep(300); // the drain waits for it
                assertThat(process.isAlive()).isTrue();
                assertThat(inFlight.finish()).startsWith("HTTP/1.1 200").contains("\"outputs\"");
            }
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            pump.join(5000);
            assertThat(output).anyMatch(line -> line.startsWith("drained in"));
            assertThat(new HttpTestClient(base).getOrRefused("/v2/health/live")).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static URI awaitReady(List<String> output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                for (String line : output) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        return URI.create(matcher.group(1));
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never said it was ready: " + output);
    }

    private static void awaitLine(List<String> output, String start) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            synchronized (output) {
                if (output.stream().anyMatch(line -> line.startsWith(start))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no line starting '" + start + "' in " + output);
    }

    private static void awaitInflight(HttpTestClient client) throws Exception {
        for (int i = 0; i < 500; i++) {
            if (client.get("/metrics").body().contains("cairn_requests_in_flight 1.0")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the slow request never became in flight");
    }
}
