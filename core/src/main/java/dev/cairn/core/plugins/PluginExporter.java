package dev.cairn.core.plugins;

import dev.cairn.plugins.api.DeploymentExporter;

/** A plugin's deployment exporter and what its files are for, read once at load ({@link PluginService}). */
public record PluginExporter(DeploymentExporter exporter, String targetName, String owner) implements PluginService {

    @Override
    public String summary() {
        return "Deployment export: " + targetName;
    }
}
