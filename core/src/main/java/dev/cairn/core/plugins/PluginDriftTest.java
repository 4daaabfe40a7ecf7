package dev.cairn.core.plugins;

import dev.cairn.plugins.api.DriftTest;

/** A plugin's drift test and its description, read once at load ({@link PluginService}). */
public record PluginDriftTest(DriftTest test, String id, String displayName, double defaultThreshold,
        DriftTest.Kind kind, boolean numerical, boolean categorical, String owner) implements PluginService {

    @Override
    public String summary() {
        return "Drift test " + id + " (" + displayName + ")";
    }
}
