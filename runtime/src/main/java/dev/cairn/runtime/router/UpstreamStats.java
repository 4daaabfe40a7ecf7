package dev.cairn.runtime.router;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the router saw of one upstream: answers, errors (5xx or no answer), client errors (4xx: a new version that
 * rejects what the old one took shows here), requests in flight, and the latency of
 * the most recent answers, which is what a canary gate judges (a P99 over all time would hide a new regression).
 */
public final class UpstreamStats {

    /** Answers whose latency the P99 is computed from. */
    static final int WINDOW = 2048;

    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder clientErrors = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final long[] recentNanos = new long[WINDOW];
    private long recorded;

    void started() {
        inFlight.incrementAndGet();
    }

    /** @param status the HTTP status answered, or -1 when the upstream did not answer */
    void finished(long nanos, int status) {
        inFlight.decrementAndGet();
        requests.increment();
        if (status < 0 || status >= 500) {
            errors.increment();
        } else if (status >= 400) {
            clientErrors.increment();
        }
        synchronized (recentNanos) {
            recentNanos[(int) (recorded++ % WINDOW)] = nanos;
        }
    }

    public long requests() {
        return requests.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long clientErrors() {
        return clientErrors.sum();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The latency at quantile {@code q} (0.99 for P99) of the recent answers, in milliseconds; 0 before any. */
    public double latencyMillis(double q) {
        long[] copy;
        synchronized (recentNanos) {
            copy = Arrays.copyOf(recentNanos, (int) Math.min(recorded, WINDOW));
        }
        if (copy.length == 0) {
            return 0;
        }
        Arrays.sort(copy);
        int index = (int) Math.ceil(q * copy.length) - 1;
        return copy[Math.max(0, Math.min(copy.length - 1, index))] / 1e6;
    }
}
