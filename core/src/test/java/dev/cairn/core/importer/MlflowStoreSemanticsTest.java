package dev.cairn.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.registry.Stage;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.tracking.LoggedModel;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.TrackingImport;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLflow 3's store layouts, written as mlflow/store/tracking/file_store.py, model_registry/file_store.py and the SQL
 * store's tables lay them out, and MLflow's own semantics where files disagree: logged models with their metrics and
 * run links, the registry with aliases and a deleted version, a malformed metric line, an empty meta.yaml, a run
 * imported in part and completed by the next import.
 */
@ExtendWith(FreshWorkspaceExtension.class)
class MlflowStoreSemanticsTest {

    private static final String RUN = "5e2a1b9c0d3f4e6a8b7c9d0e1f2a3b4c";
    private static final String MODEL = "m-0c1e3a5b7d9f4c2e8a6b4d2f0e1c3a5b";

    @TempDir
    Path folder;

    private TrackingServices tracking;
    private RegistryServices registry;
    private MlflowImporter importer;

    @BeforeEach
    void services(Workspace workspace) {
        tracking = TrackingServices.of(workspace);
        registry = RegistryServices.of(workspace, tracking);
        importer = MlflowImporter.of(workspace, tracking);
    }

    private Path mlflow3FileStore() throws IOException {
        Path mlruns = folder.resolve("mlruns");
        Path exp = mlruns.resolve("42");
        write(exp.resolve("meta.yaml"), "artifact_location: file:" + exp + "\ncreation_time: 1754898700000\n"
                + "experiment_id: '42'\nlast_update_time: 1754898700000\nlifecycle_stage: active\nname: Iris\n");
        Path run = exp.resolve(RUN);
        write(run.resolve("meta.yaml"), "artifact_uri: file:" + run.resolve("artifacts") + "\nend_time: 1754898729999\n"
                + "entry_point_name: ''\nexperiment_id: '42'\nlifecycle_stage: active\nrun_id: " + RUN + "\n"
                + "run_name: rf\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1754898729000\n"
                + "status: 3\ntags: []\nuser_id: ana\n");
        write(run.resolve("params/max_depth"), "5");
        write(run.resolve("tags/mlflow.runName"), "rf");
        // One good line, one malformed, one good: only the bad one is lost.
        write(run.resolve("metrics/accuracy"), "1754898729932 0.93 0\n1754898729933 not-a-number 1\n"
                + "1754898729934 0.95 2\n");
        write(run.resolve("outputs/" + MODEL + "/meta.yaml"), "destination_id: " + MODEL + "\ndestination_type: "
                + "MODEL_OUTPUT\nsource_id: " + MODEL + "\nsource_type: RUN_OUTPUT\nstep: 0\ntags: {}\n");
        write(run.resolve("inputs/9d1f/meta.yaml"), "destination_id: " + MODEL + "\ndestination_type: RUN_INPUT\n"
                + "source_id: " + MODEL + "\nsource_type: MODEL\ntags: {}\n");
        Path model = exp.resolve("models/" + MODEL);
        write(model.resolve("meta.yaml"), "artifact_location: file:" + model.resolve("artifacts") + "\n"
                + "creation_timestamp: 1754898729500\nexperiment_id: '42'\nlast_updated_timestamp: 1754898729800\n"
                + "lifecycle_stage: active\nmodel_id: " + MODEL + "\nmodel_type: null\nname: model\nsource_run_id: "
                + RUN + "\nstatus: 2\nstatus_message: null\n");
        write(model.resolve("params/max_depth"), "5");
        write(model.resolve("tags/mlflow.modelVersions"), "[{\"name\": \"iris\", \"version\": \"1\"}]");
        write(model.resolve("metrics/accuracy"), "1754898729932 0.93 0 " + RUN + "\n"
                + "1754898729940 0.91 0 " + RUN + " val 3f2a\n");
        write(model.resolve("artifacts/MLmodel"), "artifact_path: model\nmodel_id: " + MODEL + "\n");
        write(model.resolve("artifacts/model.pkl"), "pickle");
        // An experiment in .trash whose meta.yaml still says active, and a run whose meta.yaml is empty.
        write(mlruns.resolve(".trash/7/meta.yaml"), "artifact_location: file:/x\nexperiment_id: '7'\n"
                + "lifecycle_stage: active\nname: old\n");
        write(exp.resolve("0123456789abcdef0123456789abcdef/meta.yaml"), "");
        // The registry: aliases as files, a deleted version left out.
        Path registered = mlruns.resolve("models/iris");
        write(registered.resolve("meta.yaml"), "creation_timestamp: 1754898730000\ndescription: Iris classifier\n"
                + "last_updated_timestamp: 1754898731000\nname: iris\n");
        write(registered.resolve("tags/team"), "risk");
        write(registered.resolve("aliases/production"), "1");
        write(registered.resolve("version-1/meta.yaml"), "creation_timestamp: 1754898730100\ncurrent_stage: "
                + "Production\ndescription: ''\nlast_updated_timestamp: 1754898730200\nmodel_id: " + MODEL + "\n"
                + "name: iris\nrun_id: ''\nrun_link: ''\nsource: models:/" + MODEL + "\nstatus: READY\n"
                + "status_message: null\nstorage_location: file:" + model.resolve("artifacts") + "\nuser_id: ana\n"
                + "version: 1\n");
        write(registered.resolve("version-1/tags/validated"), "yes");
        write(registered.resolve("version-2/meta.yaml"), "creation_timestamp: 1754898730300\ncurrent_stage: "
                + "Deleted_Internal\nname: iris\nsource: models:/m-gone\nstatus: READY\nversion: 2\n");
        return mlruns;
    }

    @Test
    void anMlflow3FileStoreBringsItsLoggedModelsRegistryAndLinks() throws IOException {
        Path mlruns = mlflow3FileStore();
        ImportSummary summary = importer.importFrom(mlruns, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(summary.loggedModels()).isEqualTo(1);
        assertThat(summary.registeredModels()).isEqualTo(1);
        assertThat(summary.modelVersions()).isEqualTo(1);
        assertThat(summary.aliases()).isEqualTo(1);
        assertThat(summary.skipped()).anyMatch(line -> line.contains("0123456789abcdef0123456789abcdef")
                && line.contains("empty"));
        assertThat(summary.incomplete()).singleElement().satisfies(line -> assertThat(line).contains(RUN)
                .contains("1 malformed line skipped").contains("line 2").contains("the other 2 kept"));

        LoggedModel model = tracking.loggedModels().get(MODEL);
        assertThat(model.name()).isEqualTo("model");
        assertThat(model.status()).isEqualTo("LOGGED_MODEL_READY");
        assertThat(model.sourceRunId()).isEqualTo(RUN);
        assertThat(model.params()).containsEntry("max_depth", "5");
        assertThat(model.metrics()).hasSize(2);
        assertThat(model.metrics()).anyMatch(point -> "val".equals(point.datasetName())
                && "3f2a".equals(point.datasetDigest()) && point.metric().value() == 0.91);
        String experiment = tracking.experiments().getByName("Iris").experimentId();
        assertThat(model.artifactUri()).isEqualTo("mlflow-artifacts:/" + experiment + "/models/" + MODEL + "/artifacts");
        assertThat(tracking.artifacts().resolve(experiment + "/models/" + MODEL + "/artifacts/model.pkl")).hasContent("pickle");

        Run run = tracking.runs().get(RUN);
        assertThat(run.modelOutputs()).singleElement().satisfies(output -> assertThat(output.modelId()).isEqualTo(MODEL));
        assertThat(run.modelInputs()).containsExactly(MODEL);
        assertThat(run.inputs()).isEmpty(); // the model input is not mistaken for a dataset
        assertThat(tracking.log().history(RUN, "accuracy", null, null).items()).extracting(Metric::value)
                .containsExactly(0.93, 0.95);
        assertThat(tracking.experiments().getByName("old").lifecycleStage().wireName()).isEqualTo("deleted");

        ModelVersion version = registry.registry().getVersion("iris", 1);
        assertThat(version.stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(version.aliases()).containsExactly("production");
        assertThat(version.tags()).containsEntry("validated", "yes");
        assertThat(version.modelId()).isEqualTo(MODEL);
        assertThat(version.downloadUri()).isEqualTo(model.artifactUri());
        assertThat(registry.registry().getModel("iris").description()).isEqualTo("Iris classifier");
        assertThat(registry.registry().versions("iris")).hasSize(1);
        // A version made here later gets the number after the imported ones.
        assertThat(registry.registry().createVersion("iris", "runs:/x/model", null, null, null, java.util.Map.of(),
                null).version()).isEqualTo(2);

        ImportSummary again = importer.importFrom(mlruns, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(again.loggedModels() + again.registeredModels() + again.modelVersions() + again.aliases()).isZero();
        assertThat(again.runsImported()).isZero();
        assertThat(again.incomplete()).hasSize(1); // still unrepaired: imported again, still in part
        assertThat(tracking.log().history(RUN, "accuracy", null, null).items()).hasSize(2);

        // Repaired, the next import completes the run, and it stops being marked.
        write(mlruns.resolve("42/" + RUN + "/metrics/accuracy"), "1754898729932 0.93 0\n1754898729933 0.94 1\n"
                + "1754898729934 0.95 2\n");
        ImportSummary repaired = importer.importFrom(mlruns, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(repaired.runsCompleted()).isEqualTo(1);
        assertThat(repaired.incomplete()).isEmpty();
        assertThat(tracking.log().history(RUN, "accuracy", null, null).items()).extracting(Metric::value)
                .containsExactly(0.93, 0.94, 0.95);
        Run complete = tracking.runs().get(RUN);
        assertThat(complete.tags()).doesNotContainKey(TrackingImport.INCOMPLETE_TAG);
        assertThat(complete.modelOutputs()).hasSize(1);
        assertThat(importer.importFrom(mlruns, ProgressListener.NONE, Cancellation.NEVER).runsAlreadyPresent())
                .isEqualTo(1);
    }

    @Test
    void anMlflow3SqliteStoreBringsItsLoggedModelsRegistryAndLinks() throws Exception {
        Path db = folder.resolve("mlflow.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement sql = connection.createStatement()) {
            sql.executeUpdate("CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name VARCHAR(256), "
                    + "artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT, "
                    + "last_update_time BIGINT)");
            sql.executeUpdate("CREATE TABLE experiment_tags (key VARCHAR(250), value VARCHAR(5000), experiment_id INTEGER)");
            sql.executeUpdate("CREATE TABLE runs (run_uuid VARCHAR(32), name VARCHAR(250), user_id VARCHAR(256), "
                    + "status VARCHAR(9), start_time BIGINT, end_time BIGINT, lifecycle_stage VARCHAR(20), "
                    + "artifact_uri VARCHAR(200), experiment_id INTEGER, deleted_time BIGINT)");
            sql.executeUpdate("CREATE TABLE params (key VARCHAR(250), value VARCHAR(8000), run_uuid VARCHAR(32))");
            sql.executeUpdate("CREATE TABLE tags (key VARCHAR(250), value VARCHAR(8000), run_uuid VARCHAR(32))");
            sql.executeUpdate("CREATE TABLE metrics (key VARCHAR(250), value FLOAT, timestamp BIGINT, "
                    + "run_uuid VARCHAR(32), step BIGINT, is_nan BOOLEAN)");
            sql.executeUpdate("CREATE TABLE datasets (dataset_uuid VARCHAR(36), experiment_id INTEGER, name VARCHAR(500), "
                    + "digest VARCHAR(36), dataset_source_type VARCHAR(36), dataset_source TEXT, dataset_schema TEXT, "
                    + "dataset_profile TEXT)");
            sql.executeUpdate("CREATE TABLE inputs (input_uuid VARCHAR(36), source_type VARCHAR(36), source_id VARCHAR(36), "
                    + "destination_type VARCHAR(36), destination_id VARCHAR(36), step BIGINT DEFAULT 0)");
            sql.executeUpdate("CREATE TABLE input_tags (input_uuid VARCHAR(36), name VARCHAR(255), value VARCHAR(500))");
            sql.executeUpdate("CREATE TABLE logged_models (model_id VARCHAR(36), experiment_id INTEGER, name VARCHAR(500), "
                    + "artifact_location VARCHAR(1000), creation_timestamp_ms BIGINT, last_updated_timestamp_ms BIGINT, "
                    + "status INTEGER, lifecycle_stage VARCHAR(32), model_type VARCHAR(500), source_run_id VARCHAR(32), "
                    + "status_message VARCHAR(1000))");
            sql.executeUpdate("CREATE TABLE logged_model_metrics (model_id VARCHAR(36), metric_name VARCHAR(500), "
                    + "metric_timestamp_ms BIGINT, metric_step BIGINT, metric_value FLOAT, experiment_id INTEGER, "
                    + "run_id VARCHAR(32), dataset_uuid VARCHAR(36), dataset_name VARCHAR(500), dataset_digest VARCHAR(36))");
            sql.executeUpdate("CREATE TABLE logged_model_params (model_id VARCHAR(36), experiment_id INTEGER, "
                    + "param_key VARCHAR(255), param_value TEXT)");
            sql.executeUpdate("CREATE TABLE logged_model_tags (model_id VARCHAR(36), experiment_id INTEGER, "
                    + "tag_key VARCHAR(255), tag_value TEXT)");
            sql.executeUpdate("CREATE TABLE registered_models (name VARCHAR(256), creation_time BIGINT, "
                    + "last_updated_time BIGINT, description VARCHAR(5000), workspace VARCHAR(63))");
            sql.executeUpdate("CREATE TABLE registered_model_tags (key VARCHAR(250), value VARCHAR(5000), name VARCHAR(256))");
            sql.executeUpdate("CREATE TABLE model_versions (name VARCHAR(256), version INTEGER, creation_time BIGINT, "
                    + "last_updated_time BIGINT, description VARCHAR(5000), user_id VARCHAR(256), current_stage "
                    + "VARCHAR(20), source VARCHAR(500), run_id VARCHAR(32), status VARCHAR(20), status_message "
                    + "VARCHAR(500), run_link VARCHAR(500), storage_location VARCHAR(500))");
            sql.executeUpdate("CREATE TABLE model_version_tags (key VARCHAR(250), value TEXT, name VARCHAR(256), "
                    + "version INTEGER)");
            sql.executeUpdate("CREATE TABLE registered_model_aliases (alias VARCHAR(256), version INTEGER, name VARCHAR(256))");
            sql.executeUpdate("INSERT INTO experiments VALUES (1, 'churn', 'file:C:/Users/v/churn/mlruns/1', 'active', 1, 2)");
            sql.executeUpdate("INSERT INTO runs VALUES ('" + RUN + "', 'xgb', 'v', 'FINISHED', 10, 20, 'active', "
                    + "'file:C:/Users/v/churn/mlruns/1/" + RUN + "/artifacts', 1, NULL)");
            sql.executeUpdate("INSERT INTO metrics VALUES ('auc', 0.8, 11, '" + RUN + "', 0, 0)");
            sql.executeUpdate("INSERT INTO inputs VALUES ('i1', 'RUN_OUTPUT', '" + RUN + "', 'MODEL_OUTPUT', '" + MODEL
                    + "', 3)");
            sql.executeUpdate("INSERT INTO logged_models VALUES ('" + MODEL + "', 1, 'model', "
                    + "'file:C:/Users/v/churn/mlruns/1/models/" + MODEL + "/artifacts', 12, 13, 2, 'active', NULL, '"
                    + RUN + "', NULL)");
            sql.executeUpdate("INSERT INTO logged_model_metrics VALUES ('" + MODEL + "', 'auc', 11, 0, 0.8, 1, '" + RUN
                    + "', NULL, NULL, NULL)");
            sql.executeUpdate("INSERT INTO logged_model_params VALUES ('" + MODEL + "', 1, 'depth', '4')");
            sql.executeUpdate("INSERT INTO logged_model_tags VALUES ('" + MODEL + "', 1, 'mlflow.source.type', 'LOCAL')");
            sql.executeUpdate("INSERT INTO registered_models VALUES ('churn-model', 20, 21, NULL, 'default')");
            sql.executeUpdate("INSERT INTO model_versions VALUES ('churn-model', 1, 22, 23, NULL, 'v', 'None', 'models:/"
                    + MODEL + "', '" + RUN + "', 'READY', NULL, NULL, 'file:C:/Users/v/churn/mlruns/1/models/" + MODEL
                    + "/artifacts')");
            sql.executeUpdate("INSERT INTO model_versions VALUES ('churn-model', 3, 24, 25, NULL, 'v', 'Staging', "
                    + "'models:/m-other', NULL, 'READY', NULL, NULL, NULL)");
            sql.executeUpdate("INSERT INTO registered_model_aliases VALUES ('champion', 3, 'churn-model')");
        }
        // The artifacts travelled in a folder beside the database, as users copy a project.
        write(folder.resolve("mlruns/1/models/" + MODEL + "/artifacts/MLmodel"), "model_id: " + MODEL + "\n");

        ImportSummary summary = importer.importFrom(db, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(summary.runsImported()).isEqualTo(1);
        assertThat(summary.loggedModels()).isEqualTo(1);
        assertThat(summary.modelVersions()).isEqualTo(2);
        assertThat(summary.aliases()).isEqualTo(1);
        assertThat(summary.artifactFiles()).isEqualTo(1);
        assertThat(summary.artifactsNotFound())
                .anyMatch(line -> line.contains("1 run or model not found") && line.contains(RUN));
        assertThat(summary.skipped()).isEmpty();
        LoggedModel model = tracking.loggedModels().get(MODEL);
        assertThat(model.metrics()).singleElement().satisfies(point -> assertThat(point.runId()).isEqualTo(RUN));
        assertThat(tracking.runs().get(RUN).modelOutputs()).singleElement()
                .satisfies(output -> assertThat(output.step()).isEqualTo(3));
        ModelVersion first = registry.registry().getVersion("churn-model", 1);
        assertThat(first.modelId()).isEqualTo(MODEL);
        assertThat(first.downloadUri()).isEqualTo(model.artifactUri());
        assertThat(registry.registry().versionByAlias("churn-model", "champion").version()).isEqualTo(3);
        assertThat(importer.importFrom(db, ProgressListener.NONE, Cancellation.NEVER).modelVersions()).isZero();
    }

    @Test
    void artifactsOfAStoreFromAnotherMachineAreFoundUnderTheNamedRoot(Workspace workspace) throws Exception {
        Path mlruns = folder.resolve("copied/mlruns");
        Path exp = mlruns.resolve("3");
        write(exp.resolve("meta.yaml"), "artifact_location: file:///D:/work/mlruns/3\nexperiment_id: '3'\n"
                + "lifecycle_stage: active\nname: moved\n");
        write(exp.resolve(RUN + "/meta.yaml"), "artifact_uri: file:///D:/work/mlruns/3/" + RUN + "/artifacts\n"
                + "experiment_id: '3'\nlifecycle_stage: active\nrun_id: " + RUN + "\nrun_name: far\nstatus: 3\n");
        Path elsewhere = folder.resolve("usb-disk/artifacts");
        write(elsewhere.resolve("3/" + RUN + "/artifacts/plot.png"), "png");
        ImportSummary without = importer.importFrom(mlruns, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(without.artifactFiles()).isZero();
        assertThat(without.artifactsNotFound()).anyMatch(line -> line.contains("file:///D:/work/mlruns/3/" + RUN)
                && line.contains("--artifacts-root"));
        // A run imported whole but without its files stays as it is; a fresh workspace gets them with the root named.
        Workspace other = Workspace.open(folder.resolve("other-home"));
        try {
            TrackingServices otherTracking = TrackingServices.of(other);
            ImportSummary with = MlflowImporter.of(other, otherTracking).importFrom(mlruns, elsewhere,
                    ProgressListener.NONE, Cancellation.NEVER);
            assertThat(with.artifactFiles()).isEqualTo(1);
            String experiment = otherTracking.experiments().getByName("moved").experimentId();
            assertThat(otherTracking.artifacts().resolve(experiment + "/" + RUN + "/artifacts/plot.png")).hasContent("png");
        } finally {
            other.close();
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
