package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client polls the model's port during a blue-green deploy and sees version 1 until version 2 is proven healthy. */
@ExtendWith(FreshWorkspaceExtension.class)
class BlueGreenTest {

    /** One poll: when it was sent and what came back ("1", "2", or an error). */
    private record Poll(long nanos, String answer) {
    }

    @Test
    void oldVersionAnswersUntilTheNewOneIsHealthy(Workspace workspace) throws Exception {
        LocalDocker.require();
        try (DeployFixture fixture = new DeployFixture(workspace, "bluegreen-test-iris")) {
            Deployment blue = fixture.deploy(1, DeploySettings.defaults());
            fixture.deploy(2, DeploySettings.defaults()).id(); // builds version 2's image before the timed switch
            Deployment serving = fixture.deployer.rollback(fixture.modelName, "local", java.time.Duration.ofMinutes(1),
                    dev.cairn.core.progress.ProgressListener.NONE);
            assertThat(serving.modelVersion()).isEqualTo(1);

            List<Poll> polls = new ArrayList<>();
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = new Thread(() -> {
                while (polling.get()) {
                    long sent = System.nanoTime();
                    String answer;
                    try {
                        answer = fixture.iris.classify(blue.url(), fixture.modelName, IrisClient.SETOSA).modelVersion();
                    } catch (Exception e) {
                        answer = "error";
                    }
                    synchronized (polls) {
                        polls.add(new Poll(sent, answer));
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            poller.start();
            AtomicLong healthy = new AtomicLong();
            long start = System.nanoTime();
            Deployment green = fixture.deployer.deploy("local", fixture.modelName, "2",
                    DeploySettings.defaults().withStrategy(DeployStrategy.BLUE_GREEN), (done, total, message) -> {
                        if (message.contains("is healthy on port")) {
                            healthy.set(System.nanoTime());
                        }
                    });
            long end = System.nanoTime();
            Thread.sleep(300);
            polling.set(false);
            poller.join();

            assertThat(green.port()).isEqualTo(blue.port());
            assertThat(healthy.get()).isPositive();
            List<Poll> beforeHealthy = polls.stream().filter(p -> p.nanos() < healthy.get()).toList();
            assertThat(beforeHealthy).as("polls while version 2 started beside version 1").hasSizeGreaterThan(5)
                    .allMatch(p -> p.answer().equals("1"));
            assertThat(polls.stream().filter(p -> p.nanos() > end)).isNotEmpty().allMatch(p -> p.answer().equals("2"));
            long failed = polls.stream().filter(p -> p.answer().equals("error")).count();
            long gapMillis = polls.stream().filter(p -> p.answer().equals("error")).mapToLong(Poll::nanos)
                    .max().orElse(0) - polls.stream().filter(p -> p.answer().equals("error")).mapToLong(Poll::nanos)
                    .min().orElse(0);
            System.out.printf("[figures] blue-green: %d ms from deploy call to switched; version 1 answered %d polls "
                    + "while version 2 started (%d ms); %d failed polls spanning %d ms at the port handover%n",
                    (end - start) / 1_000_000, beforeHealthy.size(), (healthy.get() - start) / 1_000_000, failed,
                    gapMillis / 1_000_000);
        }
    }
}
