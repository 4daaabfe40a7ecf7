package dev.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.app.Main;
import dev.cairn.testdata.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn serve NAME:VERSION}: a registered model served as its container would serve it, then stopped. */
class ServeCommandTest {

    private static final Pattern READY = Pattern.compile("at (http://\\S+); ready in \\d+ ms");

    @TempDir
    Path folder;

    @Test
    void servesARegisteredVersionUntilSigterm() throws Exception {
        Path home = folder.resolve("home");
        StringWriter err = new StringWriter();
        assertThat(CairnCommand.run(new String[] {"models", "register",
                TestData.model("tribuo_iris_lr.onnx").toString(), "--name", "iris"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Map.of("CAIRN_HOME", home.toString()))).as(err.toString()).isZero();

        // The class path goes in an argument file: ONNX Runtime 1.29's native library crashes the JVM while loading
        // when the process's command line is longer than about 4 KB, and the test class path is longer than that.
        Path argFile = Files.writeString(folder.resolve("java.args"), "-cp \"" + System.getProperty("java.class.path")
                .replace("\\", "\\\\") + "\"");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argFile, Main.class.getName(), "--home", home.toString(), "serve", "iris:1", "--port", "0")
                .redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)).lines().forEach(output::add));
        pump.start();
        try {
            URI base = awaitReady(output);
            HttpClient client = HttpClient.newHttpClient();
            JsonNode metadata = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(
                    base.resolve("/v2/models/iris/versions/1")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(metadata.path("name").asText()).isEqualTo("iris");
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve("/invocations"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"instances\":[[5.1,3.5,1.4,0.2]]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(answer.body()).path("predictions").get(0).size()).isEqualTo(3);

            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            pump.join(5000);
            assertThat(output).anyMatch(line -> line.startsWith("drained in"));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void anUnknownModelIsAClearError() {
        StringWriter err = new StringWriter();
        int code = CairnCommand.run(new String[] {"serve", "nope:1", "--port", "0"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Map.of("CAIRN_HOME", folder.resolve("home").toString()));
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("nope");
        StringWriter err2 = new StringWriter();
        assertThat(CairnCommand.run(new String[] {"serve", folder.resolve("missing.onnx").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true),
                Map.of("CAIRN_HOME", folder.resolve("home").toString()))).isNotZero();
        assertThat(err2.toString()).contains("No model file at");
    }

    private static URI awaitReady(List<String> output) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            synchronized (output) {
                for (String line : output) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        return URI.create(matcher.group(1));
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("cairn serve never said it was ready: " + output);
    }
}
