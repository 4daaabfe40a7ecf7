package dev.cairn.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.Experiment;
import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.tracking.ViewType;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stores MLflow itself wrote (testdata/mlflow-stores: 1.x, 2.6, 2.x and a 3.x one of traces, each under a licence that
 * allows copying): what the import brings in equals a count of the files made here without the importer's code, and a
 * second import adds nothing.
 */
@ExtendWith(FreshWorkspaceExtension.class)
class RealMlflowStoreImportTest {


    /** What the files hold, counted by walking them: run folders have a meta.yaml and sit in an experiment folder. */
    record Counted(int activeExperiments, int deletedExperiments, int runs, int params, int tags, long points) {
    }

    private static Counted count(Path store) throws IOException {
        int active = 0;
        int deleted = 0;
        int runs = 0;
        int params = 0;
        int tags = 0;
        long points = 0;
        List<Path> experiments = new ArrayList<>();
        for (Path folder : List.of(store, store.resolve(".trash"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> children = Files.list(folder)) {
                for (Path dir : children.filter(d -> Files.isRegularFile(d.resolve("meta.yaml"))).toList()) {
                    experiments.add(dir);
                    if (folder.equals(store)) {
                        active++;
                    } else {
                        deleted++;
                    }
                }
            }
        }
        for (Path experiment : experiments) {
            try (Stream<Path> children = Files.list(experiment)) {
                for (Path run : children.filter(d -> Files.isRegularFile(d.resolve("meta.yaml"))).toList()) {
                    runs++;
                    params += files(run.resolve("params")).size();
                    tags += files(run.resolve("tags")).size();
                    for (Path metric : files(run.resolve("metrics"))) {
                        points += Files.readAllLines(metric).stream().filter(line -> !line.isBlank()).count();
                    }
                }
            }
        }
        return new Counted(active, deleted, runs, params, tags, points);
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** Each store with the counts its MANIFEST row gives (taken from the files by other tools). */
    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("mlflow1-file-packt", new Counted(2, 5, 19, 17, 80, 33)),
                Arguments.of("mlflow2-file-sktime", new Counted(2, 0, 4, 0, 18, 0)),
                Arguments.of("mlflow2-file-diffusers", new Counted(2, 0, 1, 2, 0, 26)),
                Arguments.of("mlflow3-file-opentrace-traces", new Counted(1, 0, 0, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aStoreImportsWholeAndOnce(String name, Counted expected, Workspace workspace) throws IOException {
        Path store = TestData.path("mlflow-stores/" + name + "/mlruns");
        Counted counted = count(store);
        assertThat(counted).isEqualTo(expected);
        TrackingServices tracking = TrackingServices.of(workspace);
        MlflowImporter importer = MlflowImporter.of(workspace, tracking);

        ImportSummary first = importer.importFrom(store, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(first.experimentsCreated() + first.experimentsMatched())
                .isEqualTo(counted.activeExperiments() + counted.deletedExperiments());
        assertThat(first.runsImported()).isEqualTo(counted.runs());
        assertThat(first.params()).isEqualTo(counted.params());
        assertThat(first.tags()).isEqualTo(counted.tags());
        assertThat(first.metricPoints()).isEqualTo(counted.points());
        assertThat(first.incomplete()).isEmpty();
        List<Run> all = tracking.runs().search(tracking.experiments().search(null, ViewType.ALL, null, List.of(),
                null).items().stream().map(Experiment::experimentId).toList(), null, ViewType.ALL, null, null, null)
                .items();
        assertThat(all).hasSize(counted.runs());

        ImportSummary again = importer.importFrom(store, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(again.runsImported()).isZero();
        assertThat(again.experimentsCreated()).isZero();
        assertThat(again.runsAlreadyPresent()).isEqualTo(counted.runs());
        assertThat(again.metricPoints()).isZero();
    }

    @Test
    void mlflow1sTrashAndItsOddities(Workspace workspace) throws IOException {
        Path store = TestData.path("mlflow-stores/mlflow1-file-packt/mlruns");
        TrackingServices tracking = TrackingServices.of(workspace);
        ImportSummary first = MlflowImporter.of(workspace, tracking).importFrom(store, ProgressListener.NONE,
                Cancellation.NEVER);
        // The stray notebook checkpoint folder is named, not imported.
        assertThat(first.skipped()).anyMatch(line -> line.contains(".ipynb_checkpoints"));
        // MLflow 1.x moved deleted experiments into .trash and left "active" in their meta.yaml.
        List<Experiment> deleted = tracking.experiments().search(null, ViewType.DELETED_ONLY, null, List.of(), null)
                .items();
        assertThat(deleted).hasSize(5).allMatch(experiment -> experiment.lifecycleStage() == LifecycleStage.DELETED);
        List<Run> all = tracking.runs().search(tracking.experiments().search(null, ViewType.ALL, null, List.of(),
                null).items().stream().map(Experiment::experimentId).toList(), null, ViewType.ALL, null, null, null)
                .items();
        assertThat(all).filteredOn(run -> run.info().lifecycleStage() == LifecycleStage.DELETED)
                .extracting(run -> run.info().runId()).containsExactly("bb55f3cea2cd4a61bfaa09714f19f792");
        assertThat(all).anyMatch(run -> run.tags().containsKey("mlflow.parentRunId"));
    }

    @Test
    void mlflow2sModelArtifactsAndMlflow3sTracesAreAccountedFor(Workspace workspace) throws IOException {
        TrackingServices tracking = TrackingServices.of(workspace);
        MlflowImporter importer = MlflowImporter.of(workspace, tracking);
        ImportSummary sktime = importer.importFrom(TestData.path("mlflow-stores/mlflow2-file-sktime/mlruns"),
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(sktime.artifactFiles()).isEqualTo(count(TestData.path("mlflow-stores/mlflow2-file-sktime/mlruns"),
                "artifacts"));
        ImportSummary traces = importer.importFrom(TestData.path("mlflow-stores/mlflow3-file-opentrace-traces/mlruns"),
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(traces.skipped()).anyMatch(line -> line.startsWith("7 traces"));
    }

    /** Files below folders called {@code name}, anywhere in the store. */
    private static long count(Path store, String name) throws IOException {
        try (Stream<Path> walk = Files.walk(store)) {
            return walk.filter(Files::isRegularFile).filter(file -> store.relativize(file).toString()
                    .contains("/" + name + "/")).count();
        }
    }
}
