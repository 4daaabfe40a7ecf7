package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second Docker engine on {@code tcp://127.0.0.1:PORT} with mutual TLS, started by the test with certificates made
 * by openssl: test connection and an image build go through it, and a wrong CA is a clear error, not a hang. The
 * engine has a bridge of its own (it must not touch docker0, the first engine's).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class TlsEngineTest {

    private static final String BRIDGE = "cairntls0";

    private static Path folder;
    private static Process dockerd;
    private static DockerHost host;

    @BeforeAll
    static void startEngine() throws Exception {
        LocalDocker.require();
        if (!"root".equals(System.getProperty("user.name")) || !onPath("dockerd") || !onPath("openssl")
                || !onPath("ip")) {
            LocalDocker.unavailableBecause("a second engine needs root, dockerd, openssl and ip (iproute2)");
        }
        // Its own bridge: a second dockerd started with "--bridge none" deletes docker0, the first engine's
        // bridge, and every container started on the first engine afterwards fails.
        run("ip", "link", "delete", BRIDGE);
        require(run("ip", "link", "add", BRIDGE, "type", "bridge"), "ip link add " + BRIDGE);
        require(run("ip", "addr", "add", "10.213.77.1/24", "dev", BRIDGE), "ip addr add");
        require(run("ip", "link", "set", BRIDGE, "up"), "ip link set up");
        folder = Files.createTempDirectory("cairn-tls-engine-");
        Path client = Files.createDirectories(folder.resolve("client"));
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=cairn test CA",
                "-keyout", "ca-key.pem", "-out", "ca.pem");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server-key.pem",
                "-out", "server.csr");
        Files.writeString(folder.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "1", "-extfile", "server.ext", "-out", "server.pem");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=cairn client", "-keyout", "client/key.pem",
                "-out", "client.csr");
        Files.writeString(folder.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "1", "-extfile", "client.ext", "-out", "client/cert.pem");
        Files.copy(folder.resolve("ca.pem"), client.resolve("ca.pem"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        dockerd = new ProcessBuilder("dockerd", "-H", "tcp://127.0.0.1:" + port, "--tlsverify",
                "--tlscacert", folder.resolve("ca.pem").toString(), "--tlscert", folder.resolve("server.pem").toString(),
                "--tlskey", folder.resolve("server-key.pem").toString(), "--data-root", folder.resolve("data").toString(),
                "--exec-root", folder.resolve("exec").toString(), "--pidfile", folder.resolve("dockerd.pid").toString(),
                "--bridge", BRIDGE, "--iptables=false", "--ip-masq=false")
                .redirectErrorStream(true).redirectOutput(folder.resolve("dockerd.log").toFile()).start();
        host = new DockerHost("tls-engine", "tcp://127.0.0.1:" + port, client, false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (DockerEngine engine = DockerEngine.connect(host)) {
                // The base image comes over from the first engine, as `docker save | docker load` would move it.
                try (DockerEngine local = DockerEngine.connect(LocalDocker.host());
                     InputStream image = local.client().saveImageCmd(LocalDocker.BASE_IMAGE).exec()) {
                    engine.client().loadImageCmd(new ByteArrayInputStream(image.readAllBytes())).exec();
                }
                return;
            } catch (DeployException e) {
                if (System.nanoTime() > deadline || !dockerd.isAlive()) {
                    throw new IllegalStateException("The TLS engine did not start: "
                            + Files.readString(folder.resolve("dockerd.log")), e);
                }
                Thread.sleep(500);
            }
        }
    }

    @AfterAll
    static void stopEngine() throws InterruptedException {
        if (dockerd != null) {
            dockerd.destroy();
            dockerd.waitFor(30, TimeUnit.SECONDS);
        }
        if (folder != null) {
            TestFiles.deleteRecursively(folder);
        }
        run("ip", "link", "delete", BRIDGE);
    }

    /** Runs a command and returns its exit code (-1 when it cannot run). */
    private static int run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void require(int exitCode, String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(what + " failed (exit " + exitCode + "): cannot make the TLS engine's bridge");
        }
    }

    @Test
    void testConnectionAndBuildGoThroughMutualTls() {
        try (DockerEngine engine = DockerEngine.connect(host)) {
            assertThat(engine.info().apiAtLeast("1.41")).isTrue();
            long start = System.nanoTime();
            BuiltImage image = TestModels.images().ensure(engine, TestModels.iris("tls-iris", 1), ProgressListener.NONE);
            System.out.printf("[figures] TLS engine %s: connected and built %s in %d ms%n", engine.info().describe(),
                    image.tag(), (System.nanoTime() - start) / 1_000_000);
            assertThat(image.reused()).isFalse();
            assertThat(engine.client().inspectImageCmd(image.tag()).exec().getConfig().getLabels())
                    .containsEntry(Labels.MODEL_NAME, "tls-iris");
        }
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(dev.cairn.core.testing.FreshWorkspaceExtension.class)
    void aModelDeployedThroughMutualTlsAnswers(dev.cairn.core.workspace.Workspace workspace) throws Exception {
        try (DeployFixture fixture = new DeployFixture(workspace, "tls-deploy")) {
            fixture.hosts.add("tls", host.url(), host.certPath(), false);
            long start = System.nanoTime();
            Deployment deployment = fixture.deployer.deploy("tls", fixture.modelName, "1", DeploySettings.defaults(),
                    ProgressListener.NONE);
            try {
                System.out.printf("[figures] deployed through the TLS engine in %d ms at %s%n",
                        (System.nanoTime() - start) / 1_000_000, deployment.url());
                assertThat(deployment.status()).isEqualTo(DeploymentStatus.RUNNING);
                assertThat(fixture.iris.classify(deployment.url(), fixture.modelName, IrisClient.SETOSA)
                        .predictedClass()).isEqualTo(IrisClient.SETOSA_CLASS);
            } finally {
                assertThat(fixture.deployer.remove(deployment.id()).status()).isEqualTo(DeploymentStatus.REMOVED);
            }
        }
    }

    /** Last: it stops this test's engine for good. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    @org.junit.jupiter.api.extension.ExtendWith(dev.cairn.core.testing.FreshWorkspaceExtension.class)
    void anEngineThatStopsMidDeployFailsTheDeploymentWithItsReason(dev.cairn.core.workspace.Workspace workspace)
            throws Exception {
        try (DeployFixture fixture = new DeployFixture(workspace, "tls-engine-dies")) {
            fixture.hosts.add("dying", host.url(), host.certPath(), false);
            // The engine goes away as the image build begins, as one stopped for maintenance or a reboot would.
            ProgressListener killsTheEngine = (done, total, message) -> {
                if (message != null && message.startsWith("Preparing image") && dockerd.isAlive()) {
                    dockerd.destroy(); // SIGTERM, as `systemctl stop docker` stops it
                    try {
                        dockerd.waitFor(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            long start = System.nanoTime();
            assertThatThrownBy(() -> fixture.deployer.deploy("dying", fixture.modelName, "1",
                    DeploySettings.defaults(), killsTheEngine)).isInstanceOf(RuntimeException.class);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(60)); // an error, not a hang
            Deployment recorded = fixture.deployments.list().stream()
                    .filter(d -> d.modelName().equals(fixture.modelName)).findFirst().orElseThrow();
            assertThat(recorded.status()).isEqualTo(DeploymentStatus.FAILED);
            assertThat(recorded.failureReason()).isNotBlank();
            assertThat(recorded.containerId()).isNull(); // it failed before any container was made: nothing runs
        }
    }

    @Test
    void wrongCaIsAClearErrorNotAHang() throws IOException {
        Path wrong = Files.createDirectories(folder.resolve("wrong-ca"));
        Files.copy(folder.resolve("client/cert.pem"), wrong.resolve("cert.pem"));
        Files.copy(folder.resolve("client/key.pem"), wrong.resolve("key.pem"));
        // A CA that did not sign the engine's certificate: the client must refuse the engine.
        Process other = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=another CA", "-keyout", wrong.resolve("other-key.pem").toString(), "-out",
                wrong.resolve("ca.pem").toString()).redirectErrorStream(true).start();
        assertThat(waitFor(other)).isZero();
        long start = System.nanoTime();
        assertThatThrownBy(() -> DockerEngine.connect(new DockerHost("wrong-ca", host.url(), wrong, false)))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("TLS handshake failed")
                .hasMessageContaining("ca.pem");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(15));
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        if (waitFor(process) != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
                    + new String(process.getInputStream().readAllBytes()));
        }
    }

    private static int waitFor(Process process) {
        try {
            process.getInputStream().readAllBytes();
            return process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String program) {
        return System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
