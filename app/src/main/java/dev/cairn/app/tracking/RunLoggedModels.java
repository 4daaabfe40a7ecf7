package dev.cairn.app.tracking;

import dev.cairn.core.tracking.LoggedModel;
import dev.cairn.core.tracking.ModelMetric;
import dev.cairn.core.tracking.ModelOutput;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.RunArtifacts;
import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.TrackingServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The MLflow 3 logged models of a run, as its page lists them: those it produced (outputs, and any model naming it as
 * its source run) and those it used (inputs), each with its status, params, latest metrics, artifact count and the
 * registered versions made from it. Read on a background thread.
 */
public final class RunLoggedModels {

    /** One row of the page's table. */
    public record Row(String modelId, String name, String role, String status, String params, String metrics, int files,
               String registered) {
    }

    private RunLoggedModels() {
    }

    static List<Row> of(TrackingServices tracking, Run run) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (ModelOutput output : run.modelOutputs()) {
            roles.put(output.modelId(), "output, step " + output.step());
        }
        for (LoggedModel model : tracking.loggedModels().search(List.of(run.info().experimentId()),
                "source_run_id = '" + run.info().runId().replace("'", "") + "'", List.of(), List.of(), 1000, null).items()) {
            roles.putIfAbsent(model.modelId(), "logged by this run");
        }
        for (String input : run.modelInputs()) {
            roles.merge(input, "input", (role, used) -> role + ", input");
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> entry : roles.entrySet()) {
            try {
                LoggedModel model = tracking.loggedModels().get(entry.getKey());
                rows.add(new Row(model.modelId(), model.name(), entry.getValue(), status(model.status()),
                        new TreeMap<>(model.params()).entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                                .collect(Collectors.joining(", ")), latestMetrics(model),
                        fileCount(RunArtifacts.at(tracking.artifacts(), model.artifactUri())),
                        model.registrations().stream().map(version -> version.name() + " v" + version.version())
                                .collect(Collectors.joining(", "))));
            } catch (TrackingException e) {
                rows.add(new Row(entry.getKey(), entry.getKey(), entry.getValue(), "not in this workspace", "", "", 0, ""));
            }
        }
        return rows;
    }

    private static String status(String status) {
        return status.replace("LOGGED_MODEL_", "").replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** Each metric's latest point (by step, then time), per dataset: "accuracy=0.93, f1=0.9 (val)". */
    private static String latestMetrics(LoggedModel model) {
        Comparator<ModelMetric> order = Comparator.comparingLong((ModelMetric m) -> m.metric().step())
                .thenComparingLong(m -> m.metric().timestamp());
        Map<String, ModelMetric> latest = new TreeMap<>();
        for (ModelMetric point : model.metrics()) {
            String key = point.metric().key() + "\u0000" + (point.datasetName() == null ? "" : point.datasetName());
            latest.merge(key, point, (kept, next) -> order.compare(next, kept) >= 0 ? next : kept);
        }
        return latest.values().stream().map(point -> point.metric().key() + "=" + format(point.metric().value())
                + (point.datasetName() == null ? "" : " (" + point.datasetName() + ")")).collect(Collectors.joining(", "));
    }

    /** Four significant digits without trailing zeros (0.9, 0.9312, 1.235e+04); NaN and infinities as words. */
    private static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String text = String.format(Locale.ROOT, "%.4g", value);
        return text.contains("e") ? text : text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    private static int fileCount(RunArtifacts files) {
        if (!files.stored()) {
            return 0;
        }
        Path root = files.root();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return (int) walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
