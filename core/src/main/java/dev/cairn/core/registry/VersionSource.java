package dev.cairn.core.registry;

/**
 * Where a new version comes from, as MLflow's {@code model-versions/create} says it: its source URI, the run that made
 * it (and a link to that run), and for an MLflow 3 logged model its id and where its files are.
 */
public record VersionSource(String source, String runId, String runLink, String modelId, String storageLocation) {

    /** A source without a logged model (Cairn's own imports, MLflow 2 clients). */
    public static VersionSource of(String source, String runId, String runLink) {
        return new VersionSource(source, runId, runLink, null, null);
    }
}
