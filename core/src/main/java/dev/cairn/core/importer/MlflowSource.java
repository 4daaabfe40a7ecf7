package dev.cairn.core.importer;

import java.util.List;

/** A readable MLflow tracking store: a FileStore folder or a SQL database. */
interface MlflowSource extends AutoCloseable {

    List<SourceExperiment> experiments();

    List<SourceRun> runs(SourceExperiment experiment);

    RunContent content(SourceRun run);

    /** Things found but not imported, each with the reason, e.g. registered models. */
    List<String> notImported();

    @Override
    void close();
}
