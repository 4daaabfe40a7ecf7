package dev.cairn.core.registry;

import dev.cairn.core.tracking.TrackingException;
import java.util.Locale;

/** MLflow's classic model version stages; the names are MLflow's canonical spelling. */
public enum Stage {
    NONE("None"),
    STAGING("Staging"),
    PRODUCTION("Production"),
    ARCHIVED("Archived");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The name MLflow writes, e.g. {@code Production}. */
    public String label() {
        return label;
    }

    /** The stage called {@code name} in any letter case, as MLflow canonicalises it. */
    public static Stage parse(String name) {
        if (name != null) {
            for (Stage stage : values()) {
                if (stage.label.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return stage;
                }
            }
        }
        throw TrackingException.invalid("Invalid Model Version stage: " + name
                + ". Value must be one of None, Staging, Production, Archived.");
    }
}
