package dev.cairn.core.deploy;

import java.util.Locale;

/** How a new version takes over a model's port from the one serving. */
public enum DeployStrategy {
    /** Stop the old container, start the new one on its port; if the new one fails, start the old one again. */
    REPLACE,
    /**
     * Start the new version beside the old one and gate it on health; then the model's router sends every new
     * request to it, and the old one stops once its requests in flight are answered.
     */
    BLUE_GREEN,
    /** Give the new version a share of the requests through the router; promote it or roll back by its errors and P99. */
    CANARY,
    /** Mirror every request to the new version (the old one answers), judge it, then promote it or roll back. */
    SHADOW,
    /** Split the callers by a header's hash between old and new through the router, judge, then promote or roll back. */
    AB;

    /** Whether the new version gets requests beside the old one before it takes them all. */
    boolean triesBeforeSwitching() {
        return this == CANARY || this == SHADOW || this == AB;
    }

    /** The name the CLI uses: {@code replace}, {@code blue-green}, {@code canary}, {@code shadow}, {@code ab}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DeployStrategy parse(String label) {
        for (DeployStrategy strategy : values()) {
            if (strategy.label().equalsIgnoreCase(label.trim())) {
                return strategy;
            }
        }
        throw new DeployException("Unknown strategy '" + label + "': use replace, blue-green, canary, shadow or ab");
    }
}
