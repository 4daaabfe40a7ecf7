package dev.cairn.runtime.server;

import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.model.RunResult;
import dev.cairn.runtime.tensor.Tensor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission and pacing of inference requests: at most {@code maxInflight} are admitted at once (the rest are
 * turned away with 503 at once rather than queued without bound), and at most {@code inferenceThreads} of those
 * run on the session together, first come first served. By default every admitted request may run: measured on
 * small models, letting the OS share the cores beat queueing on a semaphore in throughput and in P99 (a fair
 * semaphore parks every thread; an unfair one starves some), so the limit is there for users who ask for it, and
 * is fair because such users want predictable latencies.
 */
final class InferenceGate {

    private final int maxInflight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore running;
    private volatile String closedReason;

    InferenceGate(int maxInflight, int inferenceThreads) {
        this.maxInflight = maxInflight;
        this.running = new Semaphore(inferenceThreads, true);
    }

    /** Admits a request or refuses it with 503; every admitted request must {@link #leave()}. */
    void admit() {
        while (true) {
            int now = inFlight.get();
            if (now >= maxInflight) {
                throw HttpError.unavailable("the server is at its limit of " + maxInflight
                        + " requests in flight (--max-inflight); retry shortly");
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                break;
            }
        }
        // Counted first, checked second: a drain that saw no request in flight has closed the gate already.
        String reason = closedReason;
        if (reason != null) {
            leave();
            throw HttpError.unavailable(reason);
        }
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Runs once a slot on the session is free. */
    RunResult run(ModelRunner runner, List<Tensor> inputs, Collection<String> outputNames) {
        running.acquireUninterruptibly();
        try {
            return runner.run(inputs, outputNames, null);
        } finally {
            running.release();
        }
    }

    /** Stops admitting; later requests get 503 with {@code reason}. */
    void close(String reason) {
        closedReason = reason;
    }

    /** Waits until no request is in flight; false when the timeout came first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
