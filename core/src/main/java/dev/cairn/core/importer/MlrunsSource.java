package dev.cairn.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cairn.core.tracking.Dataset;
import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * recursively (keys may hold '/'), dataset inputs, {@code .trash/} for deleted experiments.
 */
final class MlrunsSource implements MlflowSource {

    private static final Set<String> NOT_RUNS = Set.of("tags", "datasets", "traces", "models");

    private final Path root;
    private final YAMLMapper yaml = new YAMLMapper();
    private final Map<String, Path> experimentDirs = new HashMap<>();
    private final List<String> notImported = new ArrayList<>();

    MlrunsSource(Path root) {
        this.root = root;
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
        readExperiments(root, LifecycleStage.ACTIVE, experiments);
        readExperiments(root.resolve(".trash"), LifecycleStage.DELETED, experiments);
        Path models = root.resolve("models");
        if (Files.isDirectory(models)) {
            notImported.add("model registry in " + models + ": registered models are not imported yet "
                    + "(Cairn's registry arrives with the model registry feature)");
        }
        return experiments;
    }

    private void readExperiments(Path folder, LifecycleStage defaultStage, List<SourceExperiment> into) {
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
                        stage.isEmpty() ? defaultStage : LifecycleStage.fromWire(stage),
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
        List<SourceRun> runs = new ArrayList<>();
        for (Path runDir : children(dir)) {
            if (!Files.isDirectory(runDir) || NOT_RUNS.contains(runDir.getFileName().toString())) {
                continue;
            }
            Path meta = runDir.resolve("meta.yaml");
            try {
                JsonNode node = yaml.readTree(meta.toFile());
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
        List<Metric> metrics = new ArrayList<>();
        Path metricsDir = runDir.resolve("metrics");
        readKeyValueFiles(metricsDir).forEach((key, file) -> readMetricFile(key, file, metrics));
        return new RunContent(readKeyValues(runDir.resolve("params")), readKeyValues(runDir.resolve("tags")), metrics,
                inputs(experimentDir, runDir), artifactDir(run, runDir));
    }

    @Override
    public List<String> notImported() {
        return notImported;
    }

    @Override
    public void close() {
        // files are opened and closed per read
    }

    private void readMetricFile(String key, Path file, List<Metric> into) {
        int lineNumber = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.trim().split(" ");
                if (fields.length < 2 || fields.length > 3) {
                    notImported.add("metric " + file + " line " + lineNumber + ": expected 'timestamp value [step]'");
                    continue;
                }
                into.add(new Metric(key, PythonFloat.parse(fields[1]), Long.parseLong(fields[0]),
                        fields.length == 3 ? Long.parseLong(fields[2]) : 0));
            }
        } catch (IOException | NumberFormatException e) {
            notImported.add("metric " + file + " line " + lineNumber + ": " + e.getMessage());
        }
    }

    private List<DatasetInput> inputs(Path experimentDir, Path runDir) {
        List<DatasetInput> inputs = new ArrayList<>();
        for (Path inputDir : children(runDir.resolve("inputs"))) {
            try {
                JsonNode input = yaml.readTree(inputDir.resolve("meta.yaml").toFile());
                Path datasetMeta = experimentDir.resolve("datasets").resolve(input.path("source_id").asText()).resolve("meta.yaml");
                JsonNode dataset = yaml.readTree(datasetMeta.toFile());
                Map<String, String> tags = new LinkedHashMap<>();
                input.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
                inputs.add(new DatasetInput(new Dataset(dataset.path("name").asText(), dataset.path("digest").asText(),
                        dataset.path("source_type").asText(), dataset.path("source").asText(),
                        textOrNull(dataset, "schema"), textOrNull(dataset, "profile")), tags));
            } catch (IOException | RuntimeException e) {
                notImported.add("dataset input " + inputDir + ": " + e.getMessage());
            }
        }
        return inputs;
    }

    private static Path artifactDir(SourceRun run, Path runDir) {
        String uri = run.artifactUri();
        if (uri.startsWith("file:")) {
            try {
                Path local = Path.of(URI.create(uri));
                if (Files.isDirectory(local)) {
                    return local;
                }
            } catch (IllegalArgumentException e) {
                // not a usable file URI: fall back to the folder inside the run
            }
        } else if (uri.startsWith("/") && Files.isDirectory(Path.of(uri))) {
            return Path.of(uri);
        }
        Path inside = runDir.resolve("artifacts");
        return Files.isDirectory(inside) ? inside : null;
    }

    /** Reads key files below {@code folder} recursively; keys are the relative paths with '/'. */
    private Map<String, String> readKeyValues(Path folder) {
        Map<String, String> values = new TreeMap<>();
        readKeyValueFiles(folder).forEach((key, file) -> {
            try {
                values.put(key, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                notImported.add(file + ": " + e.getMessage());
            }
        });
        return values;
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

    private static List<Path> children(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }
}
