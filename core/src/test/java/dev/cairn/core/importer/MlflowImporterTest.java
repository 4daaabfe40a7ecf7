package dev.cairn.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.RunStatus;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.tracking.ViewType;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FreshWorkspaceExtension.class)
class MlflowImporterTest {

    private static final String RUN_A = "73ed5776f5e04e23be739d46812cb6bd";
    private static final String RUN_B = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";
    private static final String RUN_DELETED_EXP = "aaaabbbbccccddddeeeeffff00001111";

    @TempDir
    Path folder;

    private TrackingServices tracking;
    private MlflowImporter importer;
    private Workspace workspace;

    @BeforeEach
    void services(Workspace workspace) {
        this.workspace = workspace;
        tracking = TrackingServices.of(workspace);
        importer = MlflowImporter.of(workspace, tracking);
    }

    @Test
    void importsAnMlrunsFolderAndASecondImportAddsNothing() throws IOException {
        Path mlruns = mlrunsFixture();
        List<String> steps = new ArrayList<>();
        ImportSummary first = importer.importFrom(mlruns, (done, total, message) -> steps.add(done + "/" + total), Cancellation.NEVER);

        assertThat(first.experimentsCreated()).isEqualTo(2);
        assertThat(first.experimentsMatched()).isEqualTo(1); // Default
        assertThat(first.runsImported()).isEqualTo(3);
        assertThat(first.metricPoints()).isEqualTo(5);
        assertThat(first.artifactFiles()).isEqualTo(1);
        assertThat(first.skipped()).anyMatch(s -> s.contains("broken-run") && s.contains("meta.yaml"));
        assertThat(steps).contains("3/3");

        Run a = tracking.runs().get(RUN_A);
        assertThat(a.info().runName()).isEqualTo("beautiful-dog-902");
        assertThat(a.info().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(a.params()).containsEntry("lr", "0.01").containsEntry("model/depth", "6");
        assertThat(a.tags()).containsEntry("mlflow.user", "wavet");
        assertThat(a.latestMetrics()).extracting(Metric::key).containsExactlyInAnyOrder("train/loss", "acc");
        List<Metric> loss = tracking.log().history(RUN_A, "train/loss", null, null).items();
        assertThat(loss).extracting(Metric::step).containsExactly(0L, 1L, 2L);
        assertThat(loss.get(1).value()).isNaN();
        assertThat(loss.get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(a.inputs()).singleElement().satisfies(input -> {
            assertThat(input.dataset().name()).isEqualTo("iris");
            assertThat(input.tags()).containsEntry("mlflow.data.context", "training");
        });
        assertThat(a.info().artifactUri()).isEqualTo("mlflow-artifacts:/" + a.info().experimentId() + "/" + RUN_A + "/artifacts");
        assertThat(workspace.runArtifactsDir().resolve(a.info().experimentId() + "/" + RUN_A + "/artifacts/model/MLmodel"))
                .hasContent("flavors: {}");

        assertThat(tracking.experiments().getByName("old-one").lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertThat(tracking.runs().get(RUN_B).info().status()).isEqualTo(RunStatus.RUNNING);

        ImportSummary second = importer.importFrom(mlruns, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(second.runsImported()).isZero();
        assertThat(second.runsAlreadyPresent()).isEqualTo(3);
        assertThat(second.experimentsCreated()).isZero();
        assertThat(tracking.log().history(RUN_A, "train/loss", null, null).items()).hasSize(3);
    }

    @Test
    void importsMlflowsSqliteStore() throws Exception {
        Path db = sqliteFixture();
        ImportSummary summary = importer.importFrom(db, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(summary.runsImported()).isEqualTo(1);
        assertThat(summary.metricPoints()).isEqualTo(3);
        assertThat(summary.registeredModels()).isEqualTo(1); // a registry table without versions: the model alone
        Run run = tracking.runs().get(RUN_A);
        assertThat(run.info().experimentId()).isEqualTo(tracking.experiments().getByName("sqlite-exp").experimentId());
        List<Metric> history = tracking.log().history(RUN_A, "loss", null, null).items();
        assertThat(history.get(1).value()).isNaN();
        assertThat(history.get(2).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(run.params()).containsEntry("alpha", "0.5");
        assertThat(run.inputs()).singleElement().extracting(input -> input.dataset().digest()).isEqualTo("d1g3st");
        assertThat(tracking.runs().search(List.of(run.info().experimentId()), "params.alpha = '0.5'", ViewType.ALL,
                null, null, null).items()).hasSize(1);
        assertThat(importer.importFrom(db, ProgressListener.NONE, Cancellation.NEVER).runsAlreadyPresent()).isEqualTo(1);
    }

    @Test
    void somethingElseIsRefusedClearly() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> importer.importFrom(text, ProgressListener.NONE, Cancellation.NEVER))
                .isInstanceOf(CairnException.class).hasMessageContaining("neither an MLflow mlruns folder");
        assertThat(MlflowImporter.canImport(text)).isFalse();
        assertThatThrownBy(() -> importer.importFrom(folder.resolve("missing"), ProgressListener.NONE, Cancellation.NEVER))
                .hasMessageContaining("no such file or folder");
    }

    private Path mlrunsFixture() throws IOException {
        Path mlruns = folder.resolve("mlruns");
        Path exp0 = mlruns.resolve("0");
        write(exp0.resolve("meta.yaml"), "artifact_location: file://" + exp0 + "\ncreation_time: 1672364273202\n"
                + "experiment_id: '0'\nlast_update_time: 1672364273202\nlifecycle_stage: active\nname: Default\n");
        Path exp1 = mlruns.resolve("606783375233873416");
        write(exp1.resolve("meta.yaml"), "artifact_location: file://" + exp1 + "\ncreation_time: 1672364273202\n"
                + "experiment_id: '606783375233873416'\nlast_update_time: 1672364273300\nlifecycle_stage: active\nname: churn\n");
        write(exp1.resolve("tags/team"), "growth");
        Path runA = exp1.resolve(RUN_A);
        write(runA.resolve("meta.yaml"), "artifact_uri: file://" + runA.resolve("artifacts") + "\nend_time: 1672364273335\n"
                + "entry_point_name: ''\nexperiment_id: '606783375233873416'\nlifecycle_stage: active\nrun_id: " + RUN_A + "\n"
                + "run_name: beautiful-dog-902\nrun_uuid: " + RUN_A + "\nsource_name: ''\nsource_type: 4\nsource_version: ''\n"
                + "start_time: 1672364273319\nstatus: 3\ntags: []\nuser_id: wavet\n");
        write(runA.resolve("metrics/train/loss"), "1672364273320 0.9 0\n1672364273321 nan 1\n1672364273322 -inf 2\n");
        write(runA.resolve("metrics/acc"), "1672364273320 1e-05\n");
        write(runA.resolve("params/lr"), "0.01");
        write(runA.resolve("params/model/depth"), "6");
        write(runA.resolve("tags/mlflow.user"), "wavet");
        write(runA.resolve("artifacts/model/MLmodel"), "flavors: {}");
        write(exp1.resolve("datasets/ds1/meta.yaml"), "digest: abc\nname: iris\nprofile: null\nschema: null\n"
                + "source: '{\"uri\": \"iris.csv\"}'\nsource_type: local\n");
        write(runA.resolve("inputs/in1/meta.yaml"), "destination_id: " + RUN_A + "\ndestination_type: RUN\n"
                + "source_id: ds1\nsource_type: DATASET\ntags:\n  mlflow.data.context: training\n");
        Path runB = exp0.resolve(RUN_B);
        write(runB.resolve("meta.yaml"), "artifact_uri: s3://bucket/0/" + RUN_B + "/artifacts\nexperiment_id: 0\n"
                + "run_id: " + RUN_B + "\nstart_time: 1672364273319\nuser_id: ana\n");
        write(runB.resolve("metrics/m"), "1 2.5 3\n");
        write(runB.resolve("tags/mlflow.runName"), "old-style-name");
        write(exp0.resolve("broken-run/meta.yaml"), "run_id: [unclosed\n");
        Path trash = mlruns.resolve(".trash/42");
        write(trash.resolve("meta.yaml"), "artifact_location: file:///gone\ncreation_time: 1\nexperiment_id: '42'\n"
                + "last_update_time: 2\nlifecycle_stage: deleted\nname: old-one\n");
        write(trash.resolve(RUN_DELETED_EXP + "/meta.yaml"), "artifact_uri: file:///gone/x\nexperiment_id: '42'\n"
                + "lifecycle_stage: deleted\nrun_id: " + RUN_DELETED_EXP + "\nstart_time: 5\nstatus: 4\nuser_id: ana\n");
        write(mlruns.resolve("models/my-model/meta.yaml"), "name: my-model\n");
        return mlruns;
    }

    private Path sqliteFixture() throws SQLException {
        Path db = folder.resolve("mlflow.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement sql = connection.createStatement()) {
            // The tables of MLflow's SQL store (mlflow/store/tracking/dbmodels/models.py), as SQLite holds them.
            sql.executeUpdate("CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name VARCHAR(256) UNIQUE NOT NULL, "
                    + "artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT)");
            sql.executeUpdate("CREATE TABLE experiment_tags (key VARCHAR(250), value VARCHAR(5000), experiment_id INTEGER)");
            sql.executeUpdate("CREATE TABLE runs (run_uuid VARCHAR(32) PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), "
                    + "source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9), "
                    + "start_time BIGINT, end_time BIGINT, deleted_time BIGINT, source_version VARCHAR(50), "
                    + "lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER)");
            sql.executeUpdate("CREATE TABLE params (key VARCHAR(250), value VARCHAR(8000), run_uuid VARCHAR(32))");
            sql.executeUpdate("CREATE TABLE tags (key VARCHAR(250), value VARCHAR(8000), run_uuid VARCHAR(32))");
            sql.executeUpdate("CREATE TABLE metrics (key VARCHAR(250), value FLOAT, timestamp BIGINT, run_uuid VARCHAR(32), "
                    + "step BIGINT, is_nan BOOLEAN)");
            sql.executeUpdate("CREATE TABLE datasets (dataset_uuid VARCHAR(36), experiment_id INTEGER, name VARCHAR(500), "
                    + "digest VARCHAR(36), dataset_source_type VARCHAR(36), dataset_source TEXT, dataset_schema TEXT, "
                    + "dataset_profile TEXT)");
            sql.executeUpdate("CREATE TABLE inputs (input_uuid VARCHAR(36), source_type VARCHAR(36), source_id VARCHAR(36), "
                    + "destination_type VARCHAR(36), destination_id VARCHAR(36))");
            sql.executeUpdate("CREATE TABLE input_tags (input_uuid VARCHAR(36), name VARCHAR(255), value VARCHAR(500))");
            sql.executeUpdate("CREATE TABLE registered_models (name VARCHAR(256) PRIMARY KEY, creation_time BIGINT)");
            sql.executeUpdate("INSERT INTO experiments VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 1, 1)");
            sql.executeUpdate("INSERT INTO experiments VALUES (7, 'sqlite-exp', 'mlflow-artifacts:/7', 'active', 2, 3)");
            sql.executeUpdate("INSERT INTO runs VALUES ('" + RUN_A + "', 'sql-run', 'LOCAL', '', '', 'ana', 'FINISHED', 10, 20, "
                    + "NULL, '', 'active', 'mlflow-artifacts:/7/" + RUN_A + "/artifacts', 7)");
            sql.executeUpdate("INSERT INTO params VALUES ('alpha', '0.5', '" + RUN_A + "')");
            sql.executeUpdate("INSERT INTO tags VALUES ('mlflow.runName', 'sql-run', '" + RUN_A + "')");
            sql.executeUpdate("INSERT INTO metrics VALUES ('loss', 0.5, 100, '" + RUN_A + "', 0, 0)");
            sql.executeUpdate("INSERT INTO metrics VALUES ('loss', 0, 101, '" + RUN_A + "', 1, 1)");
            sql.executeUpdate("INSERT INTO metrics VALUES ('loss', 1.7976931348623157e308, 102, '" + RUN_A + "', 2, 0)");
            sql.executeUpdate("INSERT INTO datasets VALUES ('ds-1', 7, 'wine', 'd1g3st', 'local', '{}', NULL, NULL)");
            sql.executeUpdate("INSERT INTO inputs VALUES ('in-1', 'DATASET', 'ds-1', 'RUN', '" + RUN_A + "')");
            sql.executeUpdate("INSERT INTO input_tags VALUES ('in-1', 'mlflow.data.context', 'eval')");
            sql.executeUpdate("INSERT INTO registered_models VALUES ('m', 1)");
        }
        return db;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
