package dev.cairn.core.deploy;

import static dev.cairn.core.store.Jdbc.first;
import static dev.cairn.core.store.Jdbc.update;

import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The saved Docker hosts, in the workspace's database. */
public final class DockerHostStore {

    private final Store store;
    private final Clock clock;

    public DockerHostStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Saves a host; a host of the same name is replaced. */
    public void save(DockerHost host) {
        store.inTransaction(connection -> update(connection, "MERGE INTO docker_host (name, url, cert_path, production, "
                + "created_at) KEY (name) VALUES (?, ?, ?, ?, ?)", host.name(), host.url(),
                host.certPath() == null ? null : host.certPath().toString(), host.production(), clock.millis()));
    }

    public Optional<DockerHost> get(String name) {
        return store.read(connection -> first(connection, "SELECT name, url, cert_path, production FROM docker_host "
                + "WHERE name = ?", DockerHostStore::map, name));
    }

    public List<DockerHost> list() {
        return store.read(connection -> Jdbc.list(connection, "SELECT name, url, cert_path, production FROM docker_host "
                + "ORDER BY name", DockerHostStore::map));
    }

    /** Removes a host; returns whether there was one. */
    public boolean remove(String name) {
        return store.inTransaction(connection -> update(connection, "DELETE FROM docker_host WHERE name = ?", name)) > 0;
    }

    private static DockerHost map(ResultSet row) throws SQLException {
        String certPath = row.getString("cert_path");
        return new DockerHost(row.getString("name"), row.getString("url"), certPath == null ? null : Path.of(certPath),
                row.getBoolean("production"));
    }
}
