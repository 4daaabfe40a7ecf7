package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deploys the iris model on the local Docker engine and calls it through the published port. */
@ExtendWith(FreshWorkspaceExtension.class)
class DeployerTest {

    @Test
    void deploysServesRedeploysAndRollsBack(Workspace workspace) throws Exception {
        LocalDocker.require();
        try (DeployFixture fixture = new DeployFixture(workspace, "deploy-test-iris")) {
            long start = System.nanoTime();
            Deployment first = fixture.deploy(1, DeploySettings.defaults());
            long firstMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(first.status()).isEqualTo(DeploymentStatus.RUNNING);
            assertThat(first.url()).isEqualTo("http://127.0.0.1:" + first.port());
            assertThat(fixture.iris.classify(first.url(), fixture.modelName, IrisClient.SETOSA))
                    .isEqualTo(new IrisClient.Answer("1", IrisClient.SETOSA_CLASS));

            start = System.nanoTime();
            Deployment second = fixture.deploy(2, DeploySettings.defaults());
            long secondMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(second.port()).as("a new version keeps the model's port").isEqualTo(first.port());
            assertThat(fixture.iris.classify(second.url(), fixture.modelName, IrisClient.SETOSA).modelVersion())
                    .isEqualTo("2");
            assertThat(fixture.deployments.get(first.id()).orElseThrow().status()).isEqualTo(DeploymentStatus.REPLACED);

            Deployment rolledBack = fixture.deployer.rollback(fixture.modelName, "local", Duration.ofMinutes(1),
                    ProgressListener.NONE);
            assertThat(rolledBack.modelVersion()).isEqualTo(1);
            assertThat(rolledBack.port()).isEqualTo(first.port());
            assertThat(fixture.iris.classify(rolledBack.url(), fixture.modelName, IrisClient.SETOSA).modelVersion())
                    .isEqualTo("1");
            assertThat(fixture.containers()).as("one container serves; replaced ones are removed").hasSize(1);

            Deployment stopped = fixture.deployer.stop(rolledBack.id());
            assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
            Deployment restarted = fixture.deployer.start(rolledBack.id(), Duration.ofMinutes(1));
            assertThat(fixture.iris.classify(restarted.url(), fixture.modelName, IrisClient.SETOSA).modelVersion())
                    .isEqualTo("1");
            StringBuilder logs = new StringBuilder();
            fixture.deployer.logs(restarted.id(), 50, false, line -> logs.append(line).append('\n'), () -> false);
            assertThat(logs).contains("cairn-runtime serving '" + fixture.modelName + "' version 1");
            assertThat(fixture.deployer.remove(restarted.id()).status()).isEqualTo(DeploymentStatus.REMOVED);
            assertThat(fixture.containers()).isEmpty();
            System.out.printf("[figures] deploy call to ready: %d ms (first, image built), %d ms (second version, "
                    + "image built on cached layers)%n", firstMillis, secondMillis);
        }
    }

    @Test
    void failedAttemptsAreRecordedAndThePreviousVersionKeepsServing(Workspace workspace, @org.junit.jupiter.api.io.TempDir
            Path folder) throws Exception {
        LocalDocker.require();
        try (DeployFixture fixture = new DeployFixture(workspace, "deploy-test-faults")) {
            Deployment serving = fixture.deploy(1, DeploySettings.defaults());

            // A model file ONNX Runtime cannot load: the server exits, the engine restarts it, the gate gives up.
            Path corrupt = Files.write(folder.resolve("corrupt.onnx"), "not an onnx model".getBytes());
            DeployableModel broken = new DeployableModel(fixture.modelName, 3, TestModels.sha256(corrupt), corrupt);
            for (DeployStrategy strategy : DeployStrategy.values()) {
                assertThatThrownBy(() -> fixture.deployer.deploy(LocalDocker.host(), broken,
                        DeploySettings.defaults().withStrategy(strategy).withReadyTimeout(Duration.ofSeconds(60)),
                        ProgressListener.NONE))
                        .isInstanceOf(DeployException.class)
                        .hasMessageContaining("did not become ready")
                        .hasMessageContaining("exited with code");
                assertThat(fixture.iris.classify(serving.url(), fixture.modelName, IrisClient.SETOSA).modelVersion())
                        .as("version 1 serves after a failed %s", strategy.label()).isEqualTo("1");
            }
            assertThat(fixture.containers()).as("nothing of the failed attempts is left").hasSize(1);

            // The build fails: the base image is not on the host and no registry can be reached.
            Deployer noBase = new Deployer(fixture.hosts, new ModelImages(() -> RuntimeJar.locate(System.getenv()),
                    "cairn-test/no-such-base:0", Clock.systemUTC()), fixture.deployments, null);
            DeployableModel other = new DeployableModel(fixture.modelName, 4, TestModels.sha256(corrupt), corrupt);
            assertThatThrownBy(() -> noBase.deploy(LocalDocker.host(), other, DeploySettings.defaults(),
                    ProgressListener.NONE)).isInstanceOf(DeployException.class).hasMessageContaining("Building image");

            List<org.assertj.core.groups.Tuple> expected = new ArrayList<>();
            expected.add(org.assertj.core.groups.Tuple.tuple(4, DeploymentStatus.FAILED));
            for (DeployStrategy strategy : DeployStrategy.values()) {
                expected.add(org.assertj.core.groups.Tuple.tuple(3, DeploymentStatus.FAILED));
            }
            expected.add(org.assertj.core.groups.Tuple.tuple(1, DeploymentStatus.RUNNING));
            assertThat(fixture.deployer.list()).extracting(Deployment::modelVersion, Deployment::status)
                    .containsExactlyElementsOf(expected);
            assertThat(fixture.deployer.list().get(0).failureReason()).contains("no-such-base");
            assertThat(fixture.deployer.current(fixture.modelName, "local").orElseThrow().id()).isEqualTo(serving.id());
        }
    }

    @Test
    void productionHostRefusesAnUnapprovedVersion(Workspace workspace) throws IOException {
        try (DeployFixture fixture = new DeployFixture(workspace, "deploy-test-prod")) {
            fixture.hosts.add("prod", "unix:///var/run/docker.sock", null, true);
            assertThatThrownBy(() -> fixture.deployer.deploy("prod", fixture.modelName, "1", DeploySettings.defaults(),
                    ProgressListener.NONE))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("production host")
                    .hasMessageContaining("no approval recorded");
            assertThat(fixture.deployer.list()).isEmpty();
        }
    }
}
