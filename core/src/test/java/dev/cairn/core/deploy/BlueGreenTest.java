package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client polls the model's port every 20 ms during a blue-green deploy through the model's router: it sees version
 * 1 until version 2 is proven healthy, then version 2, and not one failed request.
 */
@ExtendWith(FreshWorkspaceExtension.class)
class BlueGreenTest {

    @Test
    void theRouterSwitchesToTheNewVersionWithoutAFailedRequest(Workspace workspace) throws Exception {
        LocalDocker.require();
        try (DeployFixture fixture = new DeployFixture(workspace, "bluegreen-test-iris")) {
            DeploySettings blueGreen = DeploySettings.defaults().withStrategy(DeployStrategy.BLUE_GREEN);
            Deployment blue = fixture.deploy(1, blueGreen);
            assertThat(fixture.iris.classify(blue.url(), fixture.modelName, IrisClient.SETOSA).modelVersion())
                    .isEqualTo("1");

            AtomicLong healthy = new AtomicLong();
            long start;
            long end;
            Deployment green;
            List<RoutedPoller.Poll> polls;
            try (RoutedPoller poller = new RoutedPoller(fixture.iris, blue.url(), fixture.modelName)) {
                Thread.sleep(200);
                start = System.nanoTime();
                green = fixture.deployer.deploy("local", fixture.modelName, "2", blueGreen, (done, total, message) -> {
                    if (message.contains("takes all requests")) {
                        healthy.set(System.nanoTime());
                    }
                });
                end = System.nanoTime();
                Thread.sleep(300);
                poller.close();
                polls = poller.polls();
            }

            assertThat(green.port()).isEqualTo(blue.port());
            assertThat(green.url()).isEqualTo(blue.url());
            assertThat(polls).noneMatch(RoutedPoller.Poll::failed);
            List<RoutedPoller.Poll> beforeSwitch = polls.stream().filter(p -> p.nanos() < healthy.get() - 50_000_000L)
                    .toList();
            assertThat(beforeSwitch).as("polls while version 2 started beside version 1").hasSizeGreaterThan(5)
                    .allMatch(p -> p.answer().equals("1"));
            assertThat(polls.stream().filter(p -> p.nanos() > end)).isNotEmpty().allMatch(p -> p.answer().equals("2"));
            assertThat(fixture.deployments.get(blue.id()).orElseThrow().status()).isEqualTo(DeploymentStatus.REPLACED);
            assertThat(fixture.containers()).hasSize(1);
            assertThat(fixture.routers()).hasSize(1);

            Deployment back = fixture.deployer.rollback(fixture.modelName, "local", java.time.Duration.ofMinutes(1),
                    ProgressListener.NONE);
            assertThat(back.modelVersion()).isEqualTo(1);
            assertThat(fixture.iris.classify(back.url(), fixture.modelName, IrisClient.SETOSA).modelVersion())
                    .isEqualTo("1");
            assertThat(fixture.deployer.remove(back.id()).status()).isEqualTo(DeploymentStatus.REMOVED);
            assertThat(fixture.routers()).as("the router goes with the model's last container").isEmpty();
            System.out.printf("[figures] blue-green through the router: %d ms from deploy call to switched; %d polls "
                    + "every 20 ms, %d failed%n", (end - start) / 1_000_000, polls.size(),
                    polls.stream().filter(RoutedPoller.Poll::failed).count());
        }
    }
}
