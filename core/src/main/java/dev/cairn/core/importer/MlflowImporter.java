package dev.cairn.core.importer;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.registry.RegistryImport;
import dev.cairn.core.tracking.ArtifactStore;
import dev.cairn.core.tracking.TrackingImport;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Imports an MLflow tracking store (an {@code mlruns/} folder or an {@code mlflow.db} SQLite file): experiments, runs
 * with params, tags, metric histories, dataset inputs and links to logged models, MLflow 3's logged models, the model
 * registry (registered models, versions, aliases), and local artifacts, which are copied under Cairn's artifact root.
 * Importing again adds nothing: what is present is kept, except runs an earlier import could read only in part, which
 * are imported again.
 */
public final class MlflowImporter {

    private final TrackingImport writer;
    private final RegistryImport registry;
    private final ArtifactStore artifacts;

    public MlflowImporter(TrackingImport writer, RegistryImport registry, ArtifactStore artifacts) {
        this.writer = writer;
        this.registry = registry;
        this.artifacts = artifacts;
    }

    /** The importer into a workspace, as the CLI and the window use it. */
    public static MlflowImporter of(Workspace workspace, TrackingServices tracking) {
        return new MlflowImporter(new TrackingImport(workspace.store()), new RegistryImport(workspace.store(),
                Clock.systemUTC(), System.getProperty("user.name", "unknown")), tracking.artifacts());
    }

    /** Whether {@code path} is something this importer reads (for drag and drop). */
    public static boolean canImport(Path path) {
        return MlrunsSource.looksLikeMlruns(path) || SqliteSource.looksLikeSqlite(path);
    }

    /** As {@link #importFrom(Path, Path, ProgressListener, Cancellation)} with the artifacts looked for beside the store. */
    public ImportSummary importFrom(Path path, ProgressListener progress, Cancellation cancellation) {
        return importFrom(path, null, progress, cancellation);
    }

    /**
     * Imports everything at {@code path}. Each run is one transaction, so a cancelled or failed import leaves whole
     * runs behind, never half of one, and running it again completes it.
     *
     * @param artifactsRoot where the store's artifacts are when its URIs name folders of another machine, or null
     */
    public ImportSummary importFrom(Path path, Path artifactsRoot, ProgressListener progress, Cancellation cancellation) {
        try (MlflowSource source = open(path, artifactsRoot)) {
            return new ImportJob(source, writer, registry, artifacts, progress, cancellation).run();
        }
    }

    private static MlflowSource open(Path path, Path artifactsRoot) {
        if (!Files.exists(path)) {
            throw new CairnException("Nothing to import at " + path + ": no such file or folder.");
        }
        if (artifactsRoot != null && !Files.isDirectory(artifactsRoot)) {
            throw new CairnException("The artifacts root " + artifactsRoot + " is not a folder.");
        }
        if (MlrunsSource.looksLikeMlruns(path)) {
            return new MlrunsSource(path, artifactsRoot);
        }
        if (SqliteSource.looksLikeSqlite(path)) {
            return new SqliteSource(path, artifactsRoot);
        }
        throw new CairnException(path + " is neither an MLflow mlruns folder (experiment folders with meta.yaml) "
                + "nor an MLflow SQLite database (mlflow.db).");
    }
}
