package dev.cairn.core.importer;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.registry.RegistryImport;
import dev.cairn.core.registry.Stage;
import dev.cairn.core.registry.VersionSource;
import dev.cairn.core.tracking.ArtifactStore;
import dev.cairn.core.tracking.Experiment;
import dev.cairn.core.tracking.LoggedModel;
import dev.cairn.core.tracking.ModelMetric;
import dev.cairn.core.tracking.RunInfo;
import dev.cairn.core.tracking.TrackingImport;
import dev.cairn.core.tracking.TrackingLimits;
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

/** One import from one store: experiments with their logged models and runs, then the registry; and the counts. */
final class ImportJob {

    private final MlflowSource source;
    private final TrackingImport writer;
    private final RegistryImport registry;
    private final ArtifactStore artifacts;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final List<String> skipped = new ArrayList<>();
    private final List<String> incomplete = new ArrayList<>();
    /** Where each logged model's files are now (its new artifact URI), for the versions registered from it. */
    private final Map<String, String> modelLocations = new HashMap<>();
    private int experimentsCreated;
    private int experimentsMatched;
    private int runsImported;
    private int runsPresent;
    private int runsCompleted;
    private long points;
    private int params;
    private int tags;
    private int files;
    private int loggedModels;
    private int registeredModels;
    private int versions;
    private int aliases;

    ImportJob(MlflowSource source, TrackingImport writer, RegistryImport registry, ArtifactStore artifacts,
              ProgressListener progress, Cancellation cancellation) {
        this.source = source;
        this.writer = writer;
        this.registry = registry;
        this.artifacts = artifacts;
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
            // Models first: runs link to them.
            for (SourceLoggedModel model : source.loggedModels(experiment)) {
                cancellation.throwIfCancelled();
                importLoggedModel(model, match.localId());
            }
            for (SourceRun run : runs.get(experiment)) {
                cancellation.throwIfCancelled();
                progress.progress(done++, total, "Importing run " + run.runId() + " of " + experiment.name());
                importRun(run, match.localId());
            }
        }
        progress.progress(total, total, "Importing the model registry");
        for (SourceRegisteredModel model : source.registeredModels()) {
            cancellation.throwIfCancelled();
            importRegisteredModel(model);
        }
        progress.progress(total, total, "Imported " + runsImported + " runs");
        skipped.addAll(source.notImported());
        return new ImportSummary(experimentsCreated, experimentsMatched, runsImported, runsPresent, points, params, tags,
                files, loggedModels, registeredModels, versions, aliases, runsCompleted, incomplete, skipped,
                source.artifactsNotFound());
    }

    private void importRun(SourceRun run, String experimentId) {
        TrackingImport.RunPresence presence = writer.runPresence(run.runId());
        if (presence == TrackingImport.RunPresence.COMPLETE) {
            runsPresent++;
            return;
        }
        try {
            RunContent content = source.content(run);
            String artifactUri = run.artifactUri();
            if (content.artifactDir() != null) {
                String relative = experimentId + "/" + run.runId() + "/artifacts";
                files += copyArtifacts(content.artifactDir(), artifacts.resolve(relative), content.problems());
                artifactUri = ArtifactStore.SCHEME + "/" + relative;
            }
            Map<String, String> runTags = new HashMap<>(content.tags());
            if (!content.problems().isEmpty()) {
                String reasons = String.join("; ", content.problems());
                runTags.put(TrackingImport.INCOMPLETE_TAG, reasons.length() <= TrackingLimits.MAX_TAG_VALUE_LENGTH
                        ? reasons : reasons.substring(0, TrackingLimits.MAX_TAG_VALUE_LENGTH - 1) + "\u2026");
                incomplete.add("run " + run.runId() + ": " + reasons);
            }
            String name = run.name() != null ? run.name() : runTags.get("mlflow.runName");
            RunInfo info = new RunInfo(run.runId(), name, experimentId, run.userId(), run.status(), run.startTime(),
                    run.endTime(), artifactUri, run.stage());
            if (presence == TrackingImport.RunPresence.INCOMPLETE) {
                writer.replaceRun(info, run.deletedTime(), content.params(), runTags, content.metrics(),
                        content.inputs(), content.modelInputs(), content.modelOutputs());
                if (content.problems().isEmpty()) {
                    runsCompleted++;
                }
            } else {
                writer.insertRun(info, run.deletedTime(), content.params(), runTags, content.metrics(),
                        content.inputs(), content.modelInputs(), content.modelOutputs());
                runsImported++;
            }
            points += content.metrics().size();
            params += content.params().size();
            tags += runTags.size();
        } catch (CairnException | IOException e) {
            skipped.add("run " + run.runId() + ": " + e.getMessage());
        }
    }

    private void importLoggedModel(SourceLoggedModel model, String experimentId) {
        if (writer.loggedModelExists(model.modelId())) {
            return;
        }
        try {
            String uri = model.artifactLocation();
            if (model.artifactDir() != null) {
                String relative = experimentId + "/models/" + model.modelId() + "/artifacts";
                files += copyArtifacts(model.artifactDir(), artifacts.resolve(relative), skipped);
                uri = ArtifactStore.SCHEME + "/" + relative;
            }
            modelLocations.put(model.modelId(), uri);
            List<ModelMetric> metrics = new ArrayList<>(model.metrics());
            writer.insertLoggedModel(new LoggedModel(model.modelId(), experimentId, model.name(), model.modelType(),
                    model.sourceRunId(), model.status(), model.statusMessage(), uri, null, model.creationTime(),
                    model.lastUpdateTime(), model.tags(), model.params(), metrics), model.stage());
            loggedModels++;
        } catch (CairnException | IOException e) {
            skipped.add("logged model " + model.modelId() + ": " + e.getMessage());
        }
    }

    private void importRegisteredModel(SourceRegisteredModel model) {
        try {
            if (registry.ensureModel(model.name(), model.description(), model.creationTime(), model.lastUpdateTime(),
                    model.tags())) {
                registeredModels++;
            }
            for (SourceRegisteredModel.Version version : model.versions()) {
                String location = version.modelId() != null && modelLocations.containsKey(version.modelId())
                        ? modelLocations.get(version.modelId()) : version.storageLocation();
                if (registry.importVersion(model.name(), new RegistryImport.Version(version.version(),
                        new VersionSource(version.source(), version.runId(), version.runLink(), version.modelId(),
                                location), Stage.parse(version.stage()), version.status(), version.statusMessage(),
                        version.userId(), version.description(), version.creationTime(), version.lastUpdateTime(),
                        version.tags()))) {
                    versions++;
                }
            }
            model.aliases().forEach((alias, version) -> {
                if (registry.importAlias(model.name(), alias, version)) {
                    aliases++;
                }
            });
        } catch (CairnException e) {
            skipped.add("registered model " + model.name() + ": " + e.getMessage());
        }
    }

    private int copyArtifacts(Path from, Path to, List<String> problems) throws IOException {
        int copied = 0;
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Path target = to.resolve(from.relativize(file).toString()).normalize();
                if (!target.startsWith(to)) {
                    problems.add("artifact " + file + ": outside its folder");
                    continue;
                }
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    copied++;
                } catch (IOException e) {
                    problems.add("artifact " + from.relativize(file) + " could not be copied (" + e.getMessage() + ")");
                }
            }
        }
        return copied;
    }
}
