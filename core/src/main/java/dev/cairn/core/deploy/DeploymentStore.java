package dev.cairn.core.deploy;

import static dev.cairn.core.store.Jdbc.first;
import static dev.cairn.core.store.Jdbc.update;

import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The deployment history in the workspace's database. */
public final class DeploymentStore {

    private static final String COLUMNS = "id, host, model_name, model_version, model_sha256, image, container_id, "
            + "container_name, port, url, strategy, cpus, memory_bytes, restart_policy, status, failure_reason, "
            + "created_at, ready_at, ended_at";

    private final Store store;
    private final Clock clock;

    public DeploymentStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records a deployment that is starting; returns it with its id. */
    public Deployment begin(String host, DeployableModel model, String image, DeploySettings settings) {
        long id = store.inTransaction(connection -> first(connection, "SELECT id FROM FINAL TABLE (INSERT INTO "
                + "deployment (host, model_name, model_version, model_sha256, image, strategy, cpus, memory_bytes, "
                + "restart_policy, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))", row -> row.getLong(1),
                host, model.name(), model.version(), model.sha256(), image, settings.strategy().name(),
                settings.cpus(), settings.memoryBytes(), settings.restartPolicy(), DeploymentStatus.DEPLOYING.name(),
                clock.millis())).orElseThrow();
        return get(id).orElseThrow();
    }

    /** Records the container a deployment runs in, once created. */
    public void container(long id, String containerId, String containerName) {
        store.inTransaction(connection -> update(connection, "UPDATE deployment SET container_id = ?, container_name = ? "
                + "WHERE id = ?", containerId, containerName, id));
    }

    /** Marks a deployment as serving at {@code url}. */
    public void running(long id, int port, String url) {
        store.inTransaction(connection -> update(connection, "UPDATE deployment SET status = ?, port = ?, url = ?, "
                + "ready_at = ?, ended_at = NULL, failure_reason = NULL WHERE id = ?", DeploymentStatus.RUNNING.name(),
                port, url, clock.millis(), id));
    }

    public void failed(long id, String reason) {
        store.inTransaction(connection -> update(connection, "UPDATE deployment SET status = ?, failure_reason = ?, "
                + "ended_at = ? WHERE id = ?", DeploymentStatus.FAILED.name(), reason, clock.millis(), id));
    }

    /** Sets a status that ends (or, for RUNNING, resumes) serving. */
    public void status(long id, DeploymentStatus status) {
        store.inTransaction(connection -> update(connection, "UPDATE deployment SET status = ?, ended_at = ? WHERE id = ?",
                status.name(), status == DeploymentStatus.RUNNING ? null : clock.millis(), id));
    }

    public Optional<Deployment> get(long id) {
        return store.read(connection -> first(connection, "SELECT " + COLUMNS + " FROM deployment WHERE id = ?",
                DeploymentStore::map, id));
    }

    /** Every deployment, newest first. */
    public List<Deployment> list() {
        return store.read(connection -> Jdbc.list(connection, "SELECT " + COLUMNS + " FROM deployment ORDER BY id DESC",
                DeploymentStore::map));
    }

    /** The deployment that holds the model's port on the host: the newest running or stopped one. */
    public Optional<Deployment> current(String modelName, String host) {
        return store.read(connection -> first(connection, "SELECT " + COLUMNS + " FROM deployment WHERE model_name = ? "
                + "AND host = ? AND status IN ('RUNNING', 'STOPPED') ORDER BY id DESC", DeploymentStore::map,
                modelName, host));
    }

    /** The newest deployment before {@code beforeId} that served another version and was replaced: rollback's target. */
    public Optional<Deployment> previous(String modelName, String host, long beforeId, int otherThanVersion) {
        return store.read(connection -> first(connection, "SELECT " + COLUMNS + " FROM deployment WHERE model_name = ? "
                + "AND host = ? AND id < ? AND model_version <> ? AND status = 'REPLACED' ORDER BY id DESC",
                DeploymentStore::map, modelName, host, beforeId, otherThanVersion));
    }

    private static Deployment map(ResultSet row) throws SQLException {
        return new Deployment(row.getLong("id"), row.getString("host"), row.getString("model_name"),
                row.getInt("model_version"), row.getString("model_sha256"), row.getString("image"),
                row.getString("container_id"), row.getString("container_name"), row.getObject("port", Integer.class),
                row.getString("url"), DeployStrategy.valueOf(row.getString("strategy")),
                row.getObject("cpus", Double.class), row.getObject("memory_bytes", Long.class),
                row.getString("restart_policy"), DeploymentStatus.valueOf(row.getString("status")),
                row.getString("failure_reason"), row.getLong("created_at"), row.getObject("ready_at", Long.class),
                row.getObject("ended_at", Long.class));
    }
}
