package dev.cairn.core.tracking;

import java.util.Map;

/** An experiment: a named group of runs. Times are epoch milliseconds. */
public record Experiment(String experimentId, String name, String artifactLocation, LifecycleStage lifecycleStage,
                         long creationTime, long lastUpdateTime, Map<String, String> tags) {

    public Experiment {
        tags = Map.copyOf(tags);
    }
}
