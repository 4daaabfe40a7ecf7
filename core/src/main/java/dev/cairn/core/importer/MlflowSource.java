package dev.cairn.core.importer;

import java.util.List;

/** A readable MLflow tracking store: a FileStore folder or a SQL database. */
interface MlflowSource extends AutoCloseable {

    List<SourceExperiment> experiments();

    List<SourceRun> runs(SourceExperiment experiment);

    RunContent content(SourceRun run);

    /** MLflow 3's logged models of an experiment (none in older stores). */
    List<SourceLoggedModel> loggedModels(SourceExperiment experiment);

    /** The model registry: registered models with their versions and aliases (none where there is no registry). */
    List<SourceRegisteredModel> registeredModels();

    /** Things found but not imported, each with the reason, e.g. an unreadable meta.yaml. */
    List<String> notImported();

    /** Artifact folders named by the store but not found on this machine (summarized; see MissingArtifacts). */
    List<String> artifactsNotFound();

    @Override
    void close();
}
