package dev.cairn.core.plugins;

import dev.cairn.plugins.api.DatasetReader;
import dev.cairn.plugins.api.DeploymentExporter;
import dev.cairn.plugins.api.DriftTest;
import dev.cairn.plugins.api.ModelImporter;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The services the plugins folder's jars provide, and what became of each jar. Closing it closes the jars' class
 * loaders, after which the services must not be called.
 *
 * @param owners the plugin each service came from (by identity), for error messages
 */
public record Plugins(List<LoadedPlugin> jars, List<DriftTest> driftTests, List<DatasetReader> datasetReaders,
        List<DeploymentExporter> deploymentExporters, List<ModelImporter> modelImporters,
        Map<Object, LoadedPlugin> owners, List<Closeable> loaders) implements AutoCloseable {

    public Plugins {
        jars = List.copyOf(jars);
        driftTests = List.copyOf(driftTests);
        datasetReaders = List.copyOf(datasetReaders);
        deploymentExporters = List.copyOf(deploymentExporters);
        modelImporters = List.copyOf(modelImporters);
        loaders = List.copyOf(loaders);
    }

    /** No plugins: for tests and for tools that run without a data directory. */
    public static Plugins none() {
        return new Plugins(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of());
    }

    /** "plugin NAME VERSION (FILE)" for the plugin {@code service} came from, for messages about it. */
    public String describeOwner(Object service) {
        LoadedPlugin owner = owners.get(service);
        return owner == null ? "plugin " + service.getClass().getName()
                : "plugin " + owner.title() + " (" + owner.file() + ")";
    }

    @Override
    public void close() {
        for (Closeable loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                // Nothing to do: the jar stays open until the JVM exits.
            }
        }
    }
}
