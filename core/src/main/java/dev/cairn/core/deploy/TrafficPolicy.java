package dev.cairn.core.deploy;

import java.time.Duration;

/**
 * How a routed rollout tries a new version before it takes all the traffic, and what makes it roll back.
 *
 * @param percent the new version's share of requests during a canary or A/B test (0 to 100)
 * @param observe how long the router watches the new version before it is promoted
 * @param maxErrorRate the most 5xx (or 4xx beyond the old version's rate) the new version may answer, 0.01 = 1 %
 * @param p99Factor the new version's P99 may be at most this times the old one's, plus 20 ms of slack
 * @param maxP99Millis an absolute ceiling on the new version's P99, null for none
 * @param minRequests fewer answers than this are not judged on their rates before the observation ends
 * @param stickyHeader the request header whose value keeps a caller on one version in an A/B test
 */
public record TrafficPolicy(int percent, Duration observe, double maxErrorRate, double p99Factor, Double maxP99Millis,
                            int minRequests, String stickyHeader) {

    public TrafficPolicy {
        if (percent < 1 || percent > 99) {
            throw new DeployException("The new version's share is 1 to 99 percent (got " + percent + ")");
        }
        if (observe.isNegative()) {
            throw new DeployException("The observation period cannot be negative");
        }
    }

    /** 10 % for a minute, at most 1 % errors and twice the old P99. */
    public static TrafficPolicy defaults() {
        return new TrafficPolicy(10, Duration.ofSeconds(60), 0.01, 2.0, null, 20, "X-User-Id");
    }

    public TrafficPolicy withPercent(int newPercent) {
        return new TrafficPolicy(newPercent, observe, maxErrorRate, p99Factor, maxP99Millis, minRequests, stickyHeader);
    }

    public TrafficPolicy withObserve(Duration period) {
        return new TrafficPolicy(percent, period, maxErrorRate, p99Factor, maxP99Millis, minRequests, stickyHeader);
    }

    public TrafficPolicy withGate(double errorRate, Double p99Millis) {
        return new TrafficPolicy(percent, observe, errorRate, p99Factor, p99Millis, minRequests, stickyHeader);
    }

    public TrafficPolicy withStickyHeader(String header) {
        return new TrafficPolicy(percent, observe, maxErrorRate, p99Factor, maxP99Millis, minRequests, header);
    }
}
