package dev.cairn.core.deploy;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;

/**
 * Waits until a started model container serves: it keeps running, the engine does not call it unhealthy, and
 * {@code /v2/health/ready} answers 200 through the published port. On engines that take a health-check start
 * interval (API 1.44+) it also waits for the engine's own "healthy"; older engines run the first check only after
 * the image's full interval, so there the HTTP answer decides.
 */
final class ReadinessGate {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int LOG_LINES = 15;

    private final DockerEngine engine;
    private final ReadyProbe probe = new ReadyProbe();

    ReadinessGate(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * Returns once the container is ready.
     *
     * @throws DeployException saying why, with the container's last output, when it exits, restarts, turns
     *     unhealthy or is not ready within {@code timeout}
     */
    void await(String containerId, String baseUrl, Duration timeout) throws InterruptedException {
        boolean engineHealth = engine.info().apiAtLeast(ModelContainers.START_INTERVAL_API);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            InspectContainerResponse container = engine.client().inspectContainerCmd(containerId).exec();
            InspectContainerResponse.ContainerState state = container.getState();
            String health = state.getHealth() == null ? null : state.getHealth().getStatus();
            if (!Boolean.TRUE.equals(state.getRunning()) || Boolean.TRUE.equals(state.getRestarting())
                    || (container.getRestartCount() != null && container.getRestartCount() > 0)) {
                throw notReady("its server exited with code " + state.getExitCodeLong(), containerId);
            }
            if ("unhealthy".equals(health)) {
                throw notReady("the engine marked it unhealthy (" + lastProbe(state.getHealth()) + ")", containerId);
            }
            if (answersReady(baseUrl) && (!engineHealth || "healthy".equals(health))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw notReady("it was not ready within " + timeout.toSeconds() + " s", containerId);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    boolean answersReady(String baseUrl) throws InterruptedException {
        return probe.ask(baseUrl) == ReadyProbe.Answer.READY;
    }

    private static String lastProbe(HealthState health) {
        if (health.getLog() == null || health.getLog().isEmpty()) {
            return "no probe output";
        }
        String output = health.getLog().get(health.getLog().size() - 1).getOutput();
        return output == null || output.isBlank() ? "probe failed" : output.strip();
    }

    private DeployException notReady(String why, String containerId) {
        String logs = String.join("\n", ContainerLogs.tail(engine, containerId, LOG_LINES));
        return new DeployException("The container did not become ready: " + why
                + (logs.isBlank() ? "" : ". Its last output:\n" + logs));
    }
}
