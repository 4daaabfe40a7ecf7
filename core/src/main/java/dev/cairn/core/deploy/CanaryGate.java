package dev.cairn.core.deploy;

import java.util.Locale;
import java.util.Optional;

/**
 * Judges a new version from what the router saw of it against the old one: too many errors, more rejected inputs
 * than the old version, or a P99 over the policy's bounds each roll it back.
 */
final class CanaryGate {

    private static final double SLACK_MILLIS = 20;

    private final TrafficPolicy policy;

    CanaryGate(TrafficPolicy policy) {
        this.policy = policy;
    }

    /**
     * Why the new version must go, or empty while it passes.
     *
     * @param old what the versions serving before saw together, null if none
     * @param ended whether the observation is over: then fewer than {@code minRequests} answers are judged too
     */
    Optional<String> judge(RouterControl.UpstreamView fresh, RouterControl.UpstreamView old, boolean ended) {
        if (fresh == null || fresh.requests() == 0 || (fresh.requests() < policy.minRequests() && !ended)) {
            return Optional.empty();
        }
        double errorRate = (double) fresh.errors() / fresh.requests();
        if (errorRate > policy.maxErrorRate()) {
            return Optional.of(String.format(Locale.ROOT, "%.1f %% of its %d answers were errors (5xx or none), over "
                    + "the %.1f %% allowed", 100 * errorRate, fresh.requests(), 100 * policy.maxErrorRate()));
        }
        double rejected = (double) fresh.clientErrors() / fresh.requests();
        double oldRejected = old == null || old.requests() == 0 ? 0 : (double) old.clientErrors() / old.requests();
        if (rejected - oldRejected > policy.maxErrorRate()) {
            return Optional.of(String.format(Locale.ROOT, "it rejected %.1f %% of its %d requests as bad input (4xx) "
                    + "against %.1f %% for the version before", 100 * rejected, fresh.requests(), 100 * oldRejected));
        }
        if (policy.maxP99Millis() != null && fresh.p99Millis() > policy.maxP99Millis()) {
            return Optional.of(String.format(Locale.ROOT, "its P99 of %.1f ms is over the %.1f ms allowed",
                    fresh.p99Millis(), policy.maxP99Millis()));
        }
        if (old != null && old.requests() >= policy.minRequests()
                && fresh.p99Millis() > policy.p99Factor() * old.p99Millis() + SLACK_MILLIS) {
            return Optional.of(String.format(Locale.ROOT, "its P99 of %.1f ms is over %.1f times the version before's "
                    + "%.1f ms", fresh.p99Millis(), policy.p99Factor(), old.p99Millis()));
        }
        return Optional.empty();
    }
}
