package dev.cairn.core.deploy;

import java.util.Locale;

/** How a new version takes over a model's port from the one serving. */
public enum DeployStrategy {
    /** Stop the old container, start the new one on its port; if the new one fails, start the old one again. */
    REPLACE,
    /**
     * Start the new version beside the old one on a free port and gate it on health; only a version proven healthy
     * then takes the port, and the old one serves until that moment.
     */
    BLUE_GREEN;

    /** The name the CLI uses: {@code replace}, {@code blue-green}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DeployStrategy parse(String label) {
        for (DeployStrategy strategy : values()) {
            if (strategy.label().equalsIgnoreCase(label.trim())) {
                return strategy;
            }
        }
        throw new DeployException("Unknown strategy '" + label + "': use replace or blue-green");
    }
}
