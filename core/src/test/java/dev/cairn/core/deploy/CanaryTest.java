package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A canary through the router: a new version that rejects what the old one answers (an MNIST network registered
 * as version 3 of the iris model) gets half the requests, the gate sees it and the router goes back to version 1.
 */
@ExtendWith(FreshWorkspaceExtension.class)
class CanaryTest {

    @Test
    void aBrokenCanaryIsRolledBackByTheErrorGate(Workspace workspace) throws Exception {
        LocalDocker.require();
        try (DeployFixture fixture = new DeployFixture(workspace, "canary-test-iris")) {
            Deployment serving = fixture.deploy(1, DeploySettings.defaults().withStrategy(DeployStrategy.BLUE_GREEN));
            int broken = fixture.addVersion("tribuo_cnn_mnist.onnx");
            TrafficPolicy policy = TrafficPolicy.defaults().withPercent(50).withObserve(Duration.ofSeconds(20));
            List<RoutedPoller.Poll> polls;
            long rolledBack;
            try (RoutedPoller poller = new RoutedPoller(fixture.iris, serving.url(), fixture.modelName)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> fixture.deployer.deploy("local", fixture.modelName, Integer.toString(broken),
                        DeploySettings.defaults().withStrategy(DeployStrategy.CANARY), policy, ProgressListener.NONE))
                        .isInstanceOf(DeployException.class)
                        .hasMessageContaining("Rolled back by the canary gate")
                        .hasMessageContaining("as bad input (4xx)");
                rolledBack = System.nanoTime();
                Thread.sleep(500);
                poller.close();
                polls = poller.polls();
                System.out.printf("[figures] canary: rolled back %d ms after the deploy call (observation 20 s); "
                        + "%d polls, %d answered by the canary with an error%n", (rolledBack - start) / 1_000_000,
                        polls.size(), polls.stream().filter(RoutedPoller.Poll::failed).count());
            }
            assertThat(polls.stream().filter(p -> p.nanos() > rolledBack)).isNotEmpty()
                    .allMatch(p -> p.answer().equals("1"));
            assertThat(fixture.deployer.current(fixture.modelName, "local").orElseThrow().id()).isEqualTo(serving.id());
            Deployment failed = fixture.deployments.list().get(0);
            assertThat(failed.modelVersion()).isEqualTo(broken);
            assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
            assertThat(failed.failureReason()).contains("canary gate");
            assertThat(fixture.containers()).hasSize(1);
            assertThat(fixture.routers()).hasSize(1);
        }
    }
}
