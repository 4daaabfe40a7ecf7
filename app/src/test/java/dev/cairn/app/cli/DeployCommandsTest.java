package dev.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.deploy.LocalDocker;
import dev.cairn.testdata.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn hosts}, {@code deploy} and {@code deployments} against the local Docker engine. */
class DeployCommandsTest {

    @TempDir
    Path folder;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return CairnCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("CAIRN_HOME", folder.resolve("home").toString(), "CAIRN_BASE_IMAGE", LocalDocker.BASE_IMAGE));
    }

    @Test
    void deployListLogsAndRemoveFromTheCommandLine() throws Exception {
        LocalDocker.require();
        assertThat(run("models", "register", TestData.model("tribuo_iris_lr.onnx").toString(), "--name", "cli-iris"))
                .as(err.toString()).isZero();
        assertThat(run("hosts", "test")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("local: Docker ").contains("API 1.");

        assertThat(run("deploy", "cli-iris:1", "--host", "unix:///var/run/docker.sock", "--memory", "512MB",
                "--cpus", "1")).as(err.toString()).isZero();
        Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
        assertThat(url.find()).as(out.toString()).isTrue();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url.group(1) + "/v2/models/cli-iris/infer")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"model_version\":\"1\"");

        assertThat(run("deployments", "list")).isZero();
        assertThat(out.toString()).contains("cli-iris:1").contains("running").contains(url.group(1));
        assertThat(run("deployments", "logs", "cli-iris", "--host", "unix:///var/run/docker.sock")).isZero();
        assertThat(out.toString()).contains("cairn-runtime serving 'cli-iris' version 1");
        assertThat(run("deployments", "remove", "cli-iris:1", "--host", "unix:///var/run/docker.sock"))
                .as(err.toString()).isZero();
        assertThat(run("deployments", "rollback", "cli-iris")).isEqualTo(1);
        assertThat(err.toString()).contains("Nothing of cli-iris is deployed on local");
    }

    @Test
    void exportWritesABuildContextWithoutAnEngine() throws Exception {
        assertThat(run("models", "register", TestData.model("tribuo_iris_lr.onnx").toString(), "--name", "ctx"))
                .isZero();
        Path context = folder.resolve("context");
        assertThat(run("deploy", "ctx:1", "--export", context.toString(), "--arch", "arm64")).as(err.toString()).isZero();
        assertThat(Files.readString(context.resolve("Dockerfile"))).startsWith("FROM " + LocalDocker.BASE_IMAGE)
                .contains("HEALTHCHECK").contains("USER 65532:65532").contains("\"dev.cairn.model.name\"=\"ctx\"");
        try (ZipFile runtime = new ZipFile(context.resolve("cairn-runtime.jar").toFile())) {
            assertThat(runtime.getEntry("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so")).isNotNull();
            assertThat(runtime.getEntry("ai/onnxruntime/native/linux-x64/libonnxruntime.so")).isNull();
        }
        assertThat(context.resolve("model.onnx")).hasSameBinaryContentAs(TestData.model("tribuo_iris_lr.onnx"));
        assertThat(out.toString()).contains("docker build -t cairn/ctx:1 " + context);
        assertThat(Files.readString(context.resolve("docker-compose.yml"))).contains("image: cairn/ctx:1");
        assertThat(Files.readString(context.resolve("kubernetes.yml"))).contains("kind: Deployment", "kind: Service");
        assertThat(context.resolve("docker-stack.yml")).isRegularFile();
        assertThat(context.resolve("kserve-inferenceservice.yml")).isRegularFile();

        Path tar = folder.resolve("ctx.tar");
        assertThat(run("deploy", "ctx:1", "--export", tar.toString())).as(err.toString()).isZero();
        assertThat(Files.size(tar)).isGreaterThan(Files.size(context.resolve("cairn-runtime.jar")));
        assertThat(out.toString()).contains("docker build -t cairn/ctx:1 - < " + tar);
        assertThat(run("deploy", "ctx:1", "--export", context.toString(), "--export-format", "zip")).isEqualTo(1);
        assertThat(err.toString()).contains("--export-format is folder or tar");
    }

    @Test
    void badInputIsOneLine() {
        assertThat(run("deploy", "no-version")).isEqualTo(1);
        assertThat(err.toString()).contains("NAME:VERSION");
        assertThat(run("hosts", "add", "open", "tcp://10.1.2.3:2375")).isEqualTo(1);
        assertThat(err.toString()).contains("needs TLS");
        assertThat(run("deploy", "x:1", "--strategy", "rainbow", "--host", "unix:///nonexistent.sock")).isEqualTo(1);
        assertThat(err.toString()).contains("Unknown strategy 'rainbow'");
        assertThat(run("deploy", "x:1", "--strategy", "canary", "--percent", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("share is 1 to 99 percent");
    }
}
