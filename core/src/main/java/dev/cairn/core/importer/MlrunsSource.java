package dev.cairn.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cairn.core.tracking.Dataset;
import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.ModelMetric;
import dev.cairn.core.tracking.ModelOutput;
import dev.cairn.core.tracking.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads an MLflow FileStore folder ({@code mlruns/}) as mlflow/store/tracking/file_store.py writes it:
 * {@code meta.yaml} per experiment and run, {@code metrics/}, {@code params/}, {@code tags/} walked
 * recursively (keys may hold '/'), dataset and model inputs, run outputs, MLflow 3's logged models
 * ({@code <experiment>/models/m-*}), the model registry ({@code models/}), and {@code .trash/} for deleted experiments.
 */
final class MlrunsSource implements MlflowSource {

    private static final Set<String> NOT_RUNS = Set.of("tags", "datasets", "traces", "models");

    private final Path root;
    private final ArtifactLocator artifacts;
    private final YAMLMapper yaml = new YAMLMapper();
    private final Map<String, Path> experimentDirs = new HashMap<>();
    private final List<String> notImported = new ArrayList<>();

    /** @param artifactsRoot where the store's artifacts are, when its URIs name another machine's folders; or null */
    MlrunsSource(Path root, Path artifactsRoot) {
        this.root = root;
        this.artifacts = new ArtifactLocator(root.toAbsolutePath().getParent(), artifactsRoot);
    }

    /** Whether {@code folder} looks like an mlruns folder: an experiment folder with a meta.yaml in it. */
    static boolean looksLikeMlruns(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.anyMatch(child -> Files.isRegularFile(child.resolve("meta.yaml"))
                    || child.getFileName().toString().equals(".trash"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<SourceExperiment> experiments() {
        List<SourceExperiment> experiments = new ArrayList<>();
        readExperiments(root, false, experiments);
        readExperiments(root.resolve(".trash"), true, experiments);
        return experiments;
    }

    /** @param trash the {@code .trash} folder: MLflow decides by the folder, so these are deleted whatever meta.yaml says */
    private void readExperiments(Path folder, boolean trash, List<SourceExperiment> into) {
        for (Path dir : children(folder)) {
            String name = dir.getFileName().toString();
            if (name.equals(".trash") || name.equals("models") || !Files.isDirectory(dir)) {
                continue;
            }
            Path meta = dir.resolve("meta.yaml");
            if (!Files.isRegularFile(meta)) {
                notImported.add("folder " + dir + ": no meta.yaml, so not an experiment");
                continue;
            }
            try {
                JsonNode node = yaml.readTree(meta.toFile());
                String id = node.path("experiment_id").asText(name);
                String stage = node.path("lifecycle_stage").asText("");
                into.add(new SourceExperiment(id, node.path("name").asText("experiment " + id),
                        node.path("artifact_location").asText(""),
                        trash ? LifecycleStage.DELETED : stage.isEmpty() ? LifecycleStage.ACTIVE
                                : LifecycleStage.fromWire(stage),
                        node.path("creation_time").asLong(0), node.path("last_update_time").asLong(0),
                        readKeyValues(dir.resolve("tags"))));
                experimentDirs.put(id, dir);
            } catch (IOException | RuntimeException e) {
                notImported.add("experiment " + dir + ": malformed meta.yaml (" + e.getMessage() + ")");
            }
        }
    }

    @Override
    public List<SourceRun> runs(SourceExperiment experiment) {
        Path dir = experimentDirs.get(experiment.id());
        int traces = children(dir.resolve("traces")).size();
        if (traces > 0) {
            notImported.add(traces + " trace" + (traces == 1 ? "" : "s") + " of experiment " + experiment.name()
                    + " (MLflow 3's GenAI traces; Cairn does not keep traces)");
        }
        List<SourceRun> runs = new ArrayList<>();
        for (Path runDir : children(dir)) {
            if (!Files.isDirectory(runDir) || NOT_RUNS.contains(runDir.getFileName().toString())) {
                continue;
            }
            Path meta = runDir.resolve("meta.yaml");
            try {
                JsonNode node = yaml.readTree(meta.toFile());
                if (node == null || !node.isObject() || node.isEmpty()) {
                    // MLflow itself cannot read such a run; importing it would make a hollow run with no name.
                    notImported.add("run folder " + runDir + ": meta.yaml is empty or not a mapping, so the run was "
                            + "not imported (repair it and import again)");
                    continue;
                }
                String runId = node.path("run_id").asText(node.path("run_uuid").asText(runDir.getFileName().toString()));
                String stage = node.path("lifecycle_stage").asText("");
                runs.add(new SourceRun(runId, experiment.id(), textOrNull(node, "run_name"), textOrNull(node, "user_id"),
                        node.hasNonNull("status") ? RunStatus.ofNumber(node.path("status").asInt()) : RunStatus.RUNNING,
                        longOrNull(node, "start_time"), longOrNull(node, "end_time"),
                        stage.isEmpty() ? LifecycleStage.ACTIVE : LifecycleStage.fromWire(stage),
                        node.path("artifact_uri").asText(""), longOrNull(node, "deleted_time")));
            } catch (IOException | RuntimeException e) {
                notImported.add("run folder " + runDir + ": malformed or missing meta.yaml (" + e.getMessage() + ")");
            }
        }
        return runs;
    }

    @Override
    public RunContent content(SourceRun run) {
        Path experimentDir = experimentDirs.get(run.experimentId());
        Path runDir = experimentDir.resolve(run.runId());
        List<String> problems = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>();
        Path metricsDir = runDir.resolve("metrics");
        readKeyValueFiles(metricsDir).forEach((key, file) -> readMetricFile(key, file, metrics, problems));
        List<DatasetInput> datasets = new ArrayList<>();
        List<String> models = new ArrayList<>();
        inputs(experimentDir, runDir, datasets, models, problems);
        return new RunContent(readKeyValues(runDir.resolve("params"), problems),
                readKeyValues(runDir.resolve("tags"), problems), metrics, datasets, models, outputs(runDir, problems),
                artifactDir(run.artifactUri(), runDir.resolve("artifacts")), problems);
    }

    @Override
    public List<SourceLoggedModel> loggedModels(SourceExperiment experiment) {
        List<SourceLoggedModel> models = new ArrayList<>();
        for (Path dir : children(experimentDirs.get(experiment.id()).resolve("models"))) {
            try {
                JsonNode node = yaml.readTree(dir.resolve("meta.yaml").toFile());
                if (node == null || !node.isObject() || !node.hasNonNull("model_id")) {
                    notImported.add("logged model " + dir + ": meta.yaml is empty or names no model_id");
                    continue;
                }
                String modelId = node.path("model_id").asText();
                List<String> problems = new ArrayList<>();
                List<ModelMetric> metrics = new ArrayList<>();
                readKeyValueFiles(dir.resolve("metrics")).forEach((key, file) ->
                        readModelMetricFile(modelId, key, file, metrics, problems));
                problems.forEach(problem -> notImported.add("logged model " + modelId + ": " + problem));
                String stage = node.path("lifecycle_stage").asText("");
                String location = node.path("artifact_location").asText("");
                models.add(new SourceLoggedModel(modelId, node.path("name").asText(modelId),
                        textOrNull(node, "model_type"), textOrNull(node, "source_run_id"),
                        SourceLoggedModel.statusName(node.path("status").asInt(1)), textOrNull(node, "status_message"),
                        node.path("creation_timestamp").asLong(0), node.path("last_updated_timestamp").asLong(0),
                        stage.isEmpty() ? LifecycleStage.ACTIVE : LifecycleStage.fromWire(stage),
                        readKeyValues(dir.resolve("tags"), problems), readKeyValues(dir.resolve("params"), problems),
                        metrics, location, artifactDir(location, dir.resolve("artifacts"))));
            } catch (IOException | RuntimeException e) {
                notImported.add("logged model " + dir + ": unreadable meta.yaml (" + e.getMessage() + ")");
            }
        }
        return models;
    }

    @Override
    public List<SourceRegisteredModel> registeredModels() {
        return MlrunsRegistry.read(root.resolve("models"), yaml, notImported);
    }

    @Override
    public List<String> notImported() {
        return notImported;
    }

    @Override
    public List<String> artifactsNotFound() {
        return MissingArtifacts.summarize(artifacts.missing());
    }

    @Override
    public void close() {
        // files are opened and closed per read
    }

    /** A run's metric file, "timestamp value [step]" per line; a malformed line loses that line only. */
    private static void readMetricFile(String key, Path file, List<Metric> into, List<String> problems) {
        readLines(file, problems, 2, 3, "timestamp value [step]", fields -> into.add(new Metric(key,
                PythonFloat.parse(fields[1]), Long.parseLong(fields[0]), fields.length == 3 ? Long.parseLong(fields[2]) : 0)));
    }

    /** A logged model's metric file: "timestamp value step run_id [dataset_name dataset_digest]" per line. */
    private static void readModelMetricFile(String modelId, String key, Path file, List<ModelMetric> into,
                                            List<String> problems) {
        readLines(file, problems, 4, 6, "timestamp value step run_id [dataset_name dataset_digest]", fields -> {
            if (fields.length == 5) {
                throw new NumberFormatException("5 fields");
            }
            into.add(new ModelMetric(modelId, new Metric(key, PythonFloat.parse(fields[1]), Long.parseLong(fields[0]),
                    Long.parseLong(fields[2])), fields.length == 6 ? fields[4] : null, fields.length == 6 ? fields[5] : null,
                    fields[3]));
        });
    }

    private interface LineReader {
        void read(String[] fields);
    }

    private static void readLines(Path file, List<String> problems, int minFields, int maxFields, String shape,
                                  LineReader reader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("metric file " + file.getFileName() + " is unreadable (" + e.getMessage() + ")");
            return;
        }
        int bad = 0;
        int firstBad = 0;
        int read = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            read++;
            String[] fields = line.split(" ");
            try {
                if (fields.length < minFields || fields.length > maxFields) {
                    throw new NumberFormatException(fields.length + " fields");
                }
                reader.read(fields);
            } catch (NumberFormatException e) {
                if (bad++ == 0) {
                    firstBad = i + 1;
                }
            }
        }
        if (bad > 0) {
            problems.add("metric " + file + ": " + bad + " malformed line" + (bad == 1 ? "" : "s") + " skipped (first "
                    + "at line " + firstBad + "; expected '" + shape + "'), the other " + (read - bad)
                    + " kept");
        }
    }

    /** The run's dataset inputs and (MLflow 3) the logged models it used, by each input's source_type. */
    private void inputs(Path experimentDir, Path runDir, List<DatasetInput> inputs, List<String> models,
                        List<String> problems) {
        for (Path inputDir : children(runDir.resolve("inputs"))) {
            try {
                JsonNode input = yaml.readTree(inputDir.resolve("meta.yaml").toFile());
                if (input.path("source_type").asText("DATASET").equals("MODEL")) {
                    models.add(input.path("source_id").asText());
                    continue;
                }
                Path datasetMeta = experimentDir.resolve("datasets").resolve(input.path("source_id").asText()).resolve("meta.yaml");
                JsonNode dataset = yaml.readTree(datasetMeta.toFile());
                Map<String, String> tags = new LinkedHashMap<>();
                input.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
                inputs.add(new DatasetInput(new Dataset(dataset.path("name").asText(), dataset.path("digest").asText(),
                        dataset.path("source_type").asText(), dataset.path("source").asText(),
                        textOrNull(dataset, "schema"), textOrNull(dataset, "profile")), tags));
            } catch (IOException | RuntimeException e) {
                problems.add("dataset input " + inputDir.getFileName() + " is unreadable (" + e.getMessage() + ")");
            }
        }
    }

    /** MLflow 3's run outputs: {@code outputs/<model_id>/meta.yaml} with the step the model was logged at. */
    private List<ModelOutput> outputs(Path runDir, List<String> problems) {
        List<ModelOutput> outputs = new ArrayList<>();
        for (Path outputDir : children(runDir.resolve("outputs"))) {
            try {
                JsonNode output = yaml.readTree(outputDir.resolve("meta.yaml").toFile());
                if (output.path("destination_type").asText("MODEL_OUTPUT").equals("MODEL_OUTPUT")) {
                    // MLflow writes the model's id as destination_id too (a quirk of _FileStoreOutput); the folder
                    // is named for it either way.
                    outputs.add(new ModelOutput(output.path("destination_id").asText(outputDir.getFileName().toString()),
                            output.path("step").asLong(0)));
                }
            } catch (IOException | RuntimeException e) {
                problems.add("run output " + outputDir.getFileName() + " is unreadable (" + e.getMessage() + ")");
            }
        }
        return outputs;
    }

    /** The folder in the store when there is one (MLflow's default location), else wherever the URI leads. */
    private Path artifactDir(String uri, Path inside) {
        return Files.isDirectory(inside) ? inside : artifacts.find(uri);
    }

    /** Reads key files below {@code folder} recursively; keys are the relative paths with '/'. */
    static Map<String, String> readKeyValues(Path folder, List<String> problems) {
        Map<String, String> values = new TreeMap<>();
        readKeyValueFiles(folder).forEach((key, file) -> {
            try {
                values.put(key, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(file + " is unreadable (" + e.getMessage() + ")");
            }
        });
        return values;
    }

    private Map<String, String> readKeyValues(Path folder) {
        return readKeyValues(folder, notImported);
    }

    private static Map<String, Path> readKeyValueFiles(Path folder) {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile)
                    .forEach(file -> files.put(folder.relativize(file).toString().replace('\\', '/'), file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<Path> children(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }
}
