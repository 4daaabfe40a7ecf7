package dev.cairn.runtime.server;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Runs a started server in the foreground until SIGTERM (what {@code docker stop} sends) or Ctrl-C, then drains it.
 * The signals are caught rather than left to shutdown hooks so that a clean drain exits 0, not 143.
 */
public final class ServerRun {

    private ServerRun() {
    }

    /** Time from the JVM's start until now: start-up to ready, as a container orchestrator sees it. */
    public static Duration sinceJvmStart() {
        return Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Waits for SIGTERM or SIGINT and returns its name, e.g. {@code SIGTERM}. */
    public static String awaitTermination() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        String[] received = new String[1];
        onTermination(received, stop);
        stop.await();
        return received[0];
    }

    private static void onTermination(String[] received, CountDownLatch stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                received[0] = "SIG" + signal.getName();
                stop.countDown();
            });
        }
    }

    /**
     * Reports the server as ready (logged and in the metrics), waits for SIGTERM or SIGINT, drains, and returns the exit status: 0 when every
     * request in flight was answered, 1 when the drain timed out.
     */
    public static int untilSignalled(ModelServer server, Duration drainTimeout, PrintStream out)
            throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        String[] received = new String[1];
        onTermination(received, stop);
        ServedModel model = server.model();
        Duration ready = sinceJvmStart();
        server.startedIn(ready);
        out.printf("cairn-runtime serving '%s' version %s (sha256 %s) at %s; ready in %d ms%n", model.name(),
                model.version(), model.sha256().substring(0, 12), server.baseUri(), ready.toMillis());
        out.flush();
        stop.await();
        out.println(received[0] + ": draining requests in flight (up to " + drainTimeout.toSeconds() + " s)");
        long start = System.nanoTime();
        boolean drained = server.drain(drainTimeout);
        out.printf("%s in %d ms; stopped%n", drained ? "drained" : "drain timed out",
                (System.nanoTime() - start) / 1_000_000);
        out.flush();
        return drained ? 0 : 1;
    }
}
