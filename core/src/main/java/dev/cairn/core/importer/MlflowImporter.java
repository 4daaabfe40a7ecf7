package dev.cairn.core.importer;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.tracking.ArtifactStore;
import dev.cairn.core.tracking.Experiment;
import dev.cairn.core.tracking.RunInfo;
import dev.cairn.core.tracking.TrackingImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Imports an MLflow tracking store (an {@code mlruns/} folder or an {@code mlflow.db} SQLite file):
 * experiments, runs with params, tags, metric histories and dataset inputs, and local artifacts, which
 * are copied under Cairn's artifact root. Importing again adds nothing: runs already present are kept.
 */
public final class MlflowImporter {

    private final TrackingImport writer;
    private final ArtifactStore artifacts;

    public MlflowImporter(TrackingImport writer, ArtifactStore artifacts) {
        this.writer = writer;
        this.artifacts = artifacts;
    }

    /** Whether {@code path} is something this importer reads (for drag and drop). */
    public static boolean canImport(Path path) {
        return MlrunsSource.looksLikeMlruns(path) || SqliteSource.looksLikeSqlite(path);
    }

    /**
     * Imports everything at {@code path}. Each run is one transaction, so a cancelled or failed import
     * leaves whole runs behind, never half of one, and running it again completes it.
     */
    public ImportSummary importFrom(Path path, ProgressListener progress, Cancellation cancellation) {
        try (MlflowSource source = open(path)) {
            return new Job(source, progress, cancellation).run();
        }
    }

    private static MlflowSource open(Path path) {
        if (!Files.exists(path)) {
            throw new CairnException("Nothing to import at " + path + ": no such file or folder.");
        }
        if (MlrunsSource.looksLikeMlruns(path)) {
            return new MlrunsSource(path);
        }
        if (SqliteSource.looksLikeSqlite(path)) {
            return new SqliteSource(path);
        }
        throw new CairnException(path + " is neither an MLflow mlruns folder (experiment folders with meta.yaml) "
                + "nor an MLflow SQLite database (mlflow.db).");
    }

    /** One import's counters. */
    private final class Job {
        private final MlflowSource source;
        private final ProgressListener progress;
        private final Cancellation cancellation;
        private final List<String> skipped = new ArrayList<>();
        private int experimentsCreated;
        private int experimentsMatched;
        private int runsImported;
        private int runsPresent;
        private long points;
        private int params;
        private int tags;
        private int files;

        Job(MlflowSource source, ProgressListener progress, Cancellation cancellation) {
            this.source = source;
            this.progress = progress;
            this.cancellation = cancellation;
        }

        ImportSummary run() {
            progress.progress(-1, -1, "Reading experiments");
            List<SourceExperiment> experiments = source.experiments();
            Map<SourceExperiment, List<SourceRun>> runs = new HashMap<>();
            long total = 0;
            for (SourceExperiment experiment : experiments) {
                runs.put(experiment, source.runs(experiment));
                total += runs.get(experiment).size();
            }
            long done = 0;
            for (SourceExperiment experiment : experiments) {
                cancellation.throwIfCancelled();
                TrackingImport.ExperimentMatch match = writer.ensureExperiment(new Experiment(experiment.id(),
                        experiment.name(), experiment.artifactLocation(), experiment.stage(), experiment.creationTime(),
                        experiment.lastUpdateTime(), experiment.tags()));
                if (match.created()) {
                    experimentsCreated++;
                } else {
                    experimentsMatched++;
                }
                for (SourceRun run : runs.get(experiment)) {
                    cancellation.throwIfCancelled();
                    progress.progress(done++, total, "Importing run " + run.runId() + " of " + experiment.name());
                    importRun(run, match.localId());
                }
            }
            progress.progress(total, total, "Imported " + runsImported + " runs");
            skipped.addAll(source.notImported());
            return new ImportSummary(experimentsCreated, experimentsMatched, runsImported, runsPresent, points, params,
                    tags, files, skipped);
        }

        private void importRun(SourceRun run, String experimentId) {
            if (writer.runExists(run.runId())) {
                runsPresent++;
                return;
            }
            try {
                RunContent content = source.content(run);
                String artifactUri = run.artifactUri();
                if (content.artifactDir() != null) {
                    String relative = experimentId + "/" + run.runId() + "/artifacts";
                    files += copyArtifacts(content.artifactDir(), artifacts.resolve(relative));
                    artifactUri = ArtifactStore.SCHEME + "/" + relative;
                }
                Map<String, String> runTags = new HashMap<>(content.tags());
                String name = run.name() != null ? run.name() : runTags.get("mlflow.runName");
                writer.insertRun(new RunInfo(run.runId(), name, experimentId, run.userId(), run.status(), run.startTime(),
                        run.endTime(), artifactUri, run.stage()), run.deletedTime(), content.params(), runTags,
                        content.metrics(), content.inputs());
                runsImported++;
                points += content.metrics().size();
                params += content.params().size();
                tags += runTags.size();
            } catch (CairnException | IOException e) {
                skipped.add("run " + run.runId() + ": " + e.getMessage());
            }
        }

        private int copyArtifacts(Path from, Path to) throws IOException {
            int copied = 0;
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    Path target = to.resolve(from.relativize(file).toString()).normalize();
                    if (!target.startsWith(to)) {
                        skipped.add("artifact " + file + ": outside its run's folder");
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    copied++;
                }
            }
            return copied;
        }
    }
}
