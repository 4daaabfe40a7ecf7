package dev.cairn.core.deploy;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.cairn.core.progress.Cancellation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Reads a container's output: the last lines, or followed as it is written. */
final class ContainerLogs {

    private ContainerLogs() {
    }

    /** The last {@code lines} lines (stdout and stderr interleaved), waiting at most ten seconds. */
    static List<String> tail(DockerEngine engine, String containerId, int lines) {
        List<String> collected = Collections.synchronizedList(new ArrayList<>());
        try (ResultCallback.Adapter<Frame> callback = engine.client().logContainerCmd(containerId).withStdOut(true)
                .withStdErr(true).withTail(lines).exec(collector(collected::add))) {
            callback.awaitCompletion(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            collected.add("(logs unavailable: " + DockerEngine.rootMessage(e) + ")");
        }
        return List.copyOf(collected);
    }

    /**
     * Sends the last {@code lines} lines to {@code sink}, then, when {@code follow}, every new line until the container
     * stops or {@code cancellation} says stop. Runs on the caller's thread.
     */
    static void stream(DockerEngine engine, String containerId, int lines, boolean follow, Consumer<String> sink,
                       Cancellation cancellation) throws InterruptedException {
        try (ResultCallback.Adapter<Frame> callback = engine.streamingClient().logContainerCmd(containerId)
                .withStdOut(true).withStdErr(true).withTail(lines).withFollowStream(follow).exec(collector(sink))) {
            while (!callback.awaitCompletion(200, TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    return;
                }
            }
        } catch (java.io.IOException e) {
            // Closing the stream after it ended: nothing to report.
        }
    }

    private static ResultCallback.Adapter<Frame> collector(Consumer<String> sink) {
        return new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                text.lines().forEach(sink);
            }
        };
    }
}
