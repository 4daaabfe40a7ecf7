package dev.cairn.core.tracking;

import java.util.Locale;

/** Whether an experiment or run is live or soft-deleted (restorable). */
public enum LifecycleStage {
    ACTIVE, DELETED;

    /** MLflow's spelling: {@code active} or {@code deleted}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LifecycleStage fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
