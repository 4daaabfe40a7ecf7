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
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A store MLflow 1.x wrote (testdata/mlflow-stores, MIT): what the import brings in equals a count of the files made
 * here without the importer's code, and a second import adds nothing.
 */
@ExtendWith(FreshWorkspaceExtension.class)
class RealMlflowStoreImportTest {

    private static final Path STORE = TestData.path("mlflow-stores/mlflow1-file-packt/mlruns");

    /** What the files hold, counted by walking them: run folders have a meta.yaml and sit in an experiment folder. */
    private record Counted(int activeExperiments, int deletedExperiments, int runs, int params, int tags, long points) {
    }

    private static Counted count() throws IOException {
        int active = 0;
        int deleted = 0;
        int runs = 0;
        int params = 0;
        int tags = 0;
        long points = 0;
        List<Path> experiments = new ArrayList<>();
        for (Path folder : List.of(STORE, STORE.resolve(".trash"))) {
            try (Stream<Path> children = Files.list(folder)) {
                for (Path dir : children.filter(d -> Files.isRegularFile(d.resolve("meta.yaml"))).toList()) {
                    experiments.add(dir);
                    if (folder.equals(STORE)) {
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

    @Test
    void anMlflow1StoreImportsWholeAndOnce(Workspace workspace) throws IOException {
        Counted counted = count();
        assertThat(counted).isEqualTo(new Counted(2, 5, 19, 17, 80, 33)); // as the store's own count says
        TrackingServices tracking = TrackingServices.of(workspace);
        MlflowImporter importer = MlflowImporter.of(workspace, tracking);

        ImportSummary first = importer.importFrom(STORE, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(first.experimentsCreated() + first.experimentsMatched())
                .isEqualTo(counted.activeExperiments() + counted.deletedExperiments());
        assertThat(first.runsImported()).isEqualTo(counted.runs());
        assertThat(first.params()).isEqualTo(counted.params());
        assertThat(first.tags()).isEqualTo(counted.tags());
        assertThat(first.metricPoints()).isEqualTo(counted.points());
        assertThat(first.incomplete()).isEmpty();
        // The stray notebook checkpoint folder is named, not imported.
        assertThat(first.skipped()).anyMatch(line -> line.contains(".ipynb_checkpoints"));

        // MLflow 1.x moved deleted experiments into .trash and left "active" in their meta.yaml.
        List<Experiment> deleted = tracking.experiments().search(null, ViewType.DELETED_ONLY, null, List.of(), null)
                .items();
        assertThat(deleted).hasSize(counted.deletedExperiments());
        assertThat(deleted).allMatch(experiment -> experiment.lifecycleStage() == LifecycleStage.DELETED);
        List<Run> all = tracking.runs().search(tracking.experiments().search(null, ViewType.ALL, null, List.of(),
                null).items().stream().map(Experiment::experimentId).toList(), null, ViewType.ALL, null, null, null)
                .items();
        assertThat(all).hasSize(counted.runs());
        assertThat(all).filteredOn(run -> run.info().lifecycleStage() == LifecycleStage.DELETED)
                .extracting(run -> run.info().runId()).containsExactly("bb55f3cea2cd4a61bfaa09714f19f792");
        assertThat(all).anyMatch(run -> run.tags().containsKey("mlflow.parentRunId"));

        ImportSummary again = importer.importFrom(STORE, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(again.runsImported()).isZero();
        assertThat(again.experimentsCreated()).isZero();
        assertThat(again.runsAlreadyPresent()).isEqualTo(counted.runs());
        assertThat(again.metricPoints()).isZero();
    }
}
