package dev.cairn.core.plugins;

import dev.cairn.plugins.api.DatasetReader;
import dev.cairn.plugins.api.ModelImporter;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The services the plugins folder's jars provide, each with its description read at load, and what became of each
 * jar. Closing it closes the jars' class loaders, after which the services must not be called.
 */
public record Plugins(List<LoadedPlugin> jars, List<PluginDriftTest> driftTests,
        List<PluginFormat<DatasetReader>> datasetReaders, List<PluginExporter> deploymentExporters,
        List<PluginFormat<ModelImporter>> modelImporters, List<Closeable> loaders) implements AutoCloseable {

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
        return new Plugins(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
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
