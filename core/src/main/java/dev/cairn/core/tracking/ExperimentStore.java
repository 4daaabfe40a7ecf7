package dev.cairn.core.tracking;

import dev.cairn.core.store.Store;
import dev.cairn.core.tracking.search.Comparison;
import dev.cairn.core.tracking.search.FilterParser;
import dev.cairn.core.tracking.search.OrderKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Experiments: create, read, search, rename, soft-delete and restore (with their runs), tags. */
public final class ExperimentStore {

    /** MLflow's default experiment, which always exists and cannot be deleted. */
    public static final String DEFAULT_EXPERIMENT_ID = "0";

    private static final String COLUMNS = "experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time";
    private static final Map<String, String> ORDER_COLUMNS = Map.of("name", "name", "experiment_id", "experiment_id",
            "creation_time", "creation_time", "last_update_time", "last_update_time");

    private final Store store;
    private final Clock clock;

    public ExperimentStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Creates an experiment and returns its id.
     *
     * @param artifactLocation where its runs' artifacts go; null for Cairn's artifact proxy
     */
    public String create(String name, String artifactLocation, Map<String, String> tags) {
        TrackingLimits.checkExperimentName(name);
        if (artifactLocation != null && artifactLocation.length() > TrackingLimits.MAX_ARTIFACT_LOCATION_LENGTH) {
            throw TrackingException.invalid("Invalid artifact_location: it has length " + artifactLocation.length()
                    + ", which exceeds the limit of " + TrackingLimits.MAX_ARTIFACT_LOCATION_LENGTH);
        }
        if (artifactLocation != null && artifactLocation.startsWith("runs:")) {
            throw TrackingException.invalid("Invalid artifact_location '" + artifactLocation + "': an experiment's "
                    + "artifact location cannot be a runs:/ URI");
        }
        tags.forEach((key, value) -> {
            TrackingLimits.checkKey("experiment tag", key);
            TrackingLimits.checkValue("experiment tag", key, value, TrackingLimits.MAX_EXPERIMENT_TAG_VALUE_LENGTH);
        });
        return store.inTransaction(connection -> {
            if (findId(connection, name) != null) {
                throw new TrackingException(TrackingException.Kind.ALREADY_EXISTS,
                        "Experiment '" + name + "' already exists.");
            }
            String id = nextId(connection);
            long now = clock.millis();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO experiment (" + COLUMNS + ") VALUES (?, ?, ?, 'active', ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, name);
                insert.setString(3, artifactLocation == null || artifactLocation.isBlank()
                        ? "mlflow-artifacts:/" + id : artifactLocation);
                insert.setLong(4, now);
                insert.setLong(5, now);
                insert.executeUpdate();
            }
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                upsertTag(connection, id, tag.getKey(), tag.getValue());
            }
            return id;
        });
    }

    /** The experiment with this id, deleted or not; NOT_FOUND otherwise. */
    public Experiment get(String experimentId) {
        return store.read(connection -> require(connection, experimentId));
    }

    /** The experiment with this name, deleted or not; NOT_FOUND otherwise. */
    public Experiment getByName(String name) {
        return store.read(connection -> {
            String id = findId(connection, name);
            if (id == null) {
                throw TrackingException.notFound("Could not find experiment with name '" + name + "'");
            }
            return require(connection, id);
        });
    }

    /** Searches experiments by MLflow's filter on name, times and tags. */
    public Page<Experiment> search(String filter, ViewType view, Integer maxResults, List<String> orderBy, String pageToken) {
        int limit = TrackingLimits.pageSize(maxResults, 1000, 50_000);
        long offset = PageToken.offset(pageToken);
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(view.condition("e.lifecycle_stage"));
        for (Comparison clause : FilterParser.parseFilter(filter)) {
            where.append(" AND ").append(condition(clause, parameters));
        }
        List<String> order = new ArrayList<>();
        for (String entry : orderBy == null ? List.<String>of() : orderBy) {
            OrderKey key = FilterParser.parseOrderBy(entry);
            String column = key.type() == Comparison.EntityType.ATTRIBUTE
                    ? ORDER_COLUMNS.get(key.key().toLowerCase(Locale.ROOT)) : null;
            if (column == null) {
                throw TrackingException.invalid("Invalid order_by entity '" + entry + "'. Experiments can be ordered by "
                        + "name, experiment_id, creation_time and last_update_time");
            }
            order.add("e." + column + (key.ascending() ? " ASC" : " DESC"));
        }
        order.add("e.creation_time DESC");
        order.add("e.experiment_id ASC");
        parameters.add(limit + 1);
        parameters.add(offset);
        String sql = "SELECT " + COLUMNS.replaceAll("(\\w+)", "e.$1") + " FROM experiment e WHERE " + where
                + " ORDER BY " + String.join(", ", order) + " LIMIT ? OFFSET ?";
        return store.read(connection -> {
            List<Experiment> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(experiment(rows, Map.of()));
                    }
                }
            }
            boolean more = found.size() > limit;
            List<Experiment> page = withTags(connection, more ? found.subList(0, limit) : found);
            return new Page<>(page, more ? PageToken.of(offset + limit) : null);
        });
    }

    /** Renames an experiment; the new name must be free. */
    public void rename(String experimentId, String newName) {
        TrackingLimits.checkExperimentName(newName);
        store.inTransaction(connection -> {
            Experiment experiment = require(connection, experimentId);
            if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
                throw TrackingException.invalid("Cannot rename a non-active experiment.");
            }
            String other = findId(connection, newName);
            if (other != null && !other.equals(experimentId)) {
                throw new TrackingException(TrackingException.Kind.ALREADY_EXISTS,
                        "Experiment '" + newName + "' already exists.");
            }
            update(connection, "UPDATE experiment SET name = ?, last_update_time = ? WHERE experiment_id = ?",
                    newName, clock.millis(), experimentId);
            return null;
        });
    }

    /** Soft-deletes an experiment and its runs; they can be restored. */
    public void delete(String experimentId) {
        if (DEFAULT_EXPERIMENT_ID.equals(experimentId)) {
            throw TrackingException.invalid("Cannot delete the default experiment '0'. This is an internally "
                    + "reserved experiment.");
        }
        setLifecycle(experimentId, LifecycleStage.DELETED);
    }

    /** Restores a deleted experiment and its runs. */
    public void restore(String experimentId) {
        setLifecycle(experimentId, LifecycleStage.ACTIVE);
    }

    public void setTag(String experimentId, String key, String value) {
        TrackingLimits.checkKey("experiment tag", key);
        TrackingLimits.checkValue("experiment tag", key, value, TrackingLimits.MAX_EXPERIMENT_TAG_VALUE_LENGTH);
        store.inTransaction(connection -> {
            requireActive(connection, experimentId);
            upsertTag(connection, experimentId, key, value);
            return null;
        });
    }

    public void deleteTag(String experimentId, String key) {
        store.inTransaction(connection -> {
            requireActive(connection, experimentId);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM experiment_tag WHERE experiment_id = ? AND tag_key = ?")) {
                delete.setString(1, experimentId);
                delete.setString(2, key);
                if (delete.executeUpdate() == 0) {
                    throw TrackingException.notFound("No tag with name: " + key + " in experiment with id " + experimentId);
                }
            }
            return null;
        });
    }

    /** The experiment, or NOT_FOUND; for other stores working in the same transaction. */
    static Experiment require(Connection connection, String experimentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM experiment WHERE experiment_id = ?")) {
            select.setString(1, experimentId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw TrackingException.notFound("No Experiment with id=" + experimentId + " exists");
                }
                return withTags(connection, List.of(experiment(row, Map.of()))).get(0);
            }
        }
    }

    static Experiment requireActive(Connection connection, String experimentId) throws SQLException {
        Experiment experiment = require(connection, experimentId);
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw new TrackingException(TrackingException.Kind.INVALID_STATE, "The experiment " + experimentId
                    + " must be in the 'active' state. Current state is deleted.");
        }
        return experiment;
    }

    private void setLifecycle(String experimentId, LifecycleStage stage) {
        store.inTransaction(connection -> {
            require(connection, experimentId);
            long now = clock.millis();
            update(connection, "UPDATE experiment SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?",
                    stage.wireName(), now, experimentId);
            update(connection, "UPDATE run SET lifecycle_stage = ?, deleted_time = ? WHERE experiment_id = ?",
                    stage.wireName(), stage == LifecycleStage.DELETED ? now : null, experimentId);
            return null;
        });
    }

    private static String condition(Comparison clause, List<Object> parameters) {
        String operator = clause.comparator().equals("!=") ? "<>" : clause.comparator();
        switch (clause.type()) {
            case TAG -> {
                parameters.add(clause.key());
                parameters.add(clause.value());
                return "EXISTS (SELECT 1 FROM experiment_tag t WHERE t.experiment_id = e.experiment_id AND t.tag_key = ?"
                        + " AND t.tag_value " + operator + " ?)";
            }
            case ATTRIBUTE -> {
                String key = clause.key().toLowerCase(Locale.ROOT);
                if (key.equals("name") && clause.value() instanceof String) {
                    parameters.add(clause.value());
                    return "e.name " + operator + " ?";
                }
                if ((key.equals("creation_time") || key.equals("last_update_time")) && clause.isNumeric()
                        && !operator.contains("LIKE")) {
                    parameters.add(((Double) clause.value()).longValue());
                    return "e." + key + " " + operator + " ?";
                }
                throw TrackingException.invalid("Invalid experiment filter clause on '" + clause.key()
                        + "': use name (string), creation_time or last_update_time (numbers) or tags.<key>");
            }
            default -> throw TrackingException.invalid("Experiments can be filtered by name, creation_time, "
                    + "last_update_time and tags, not '" + clause.key() + "'");
        }
    }

    private static String findId(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT experiment_id FROM experiment WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The next free numeric id; ids brought in by imports are skipped over. */
    static String nextId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet row = statement.executeQuery("SELECT NEXT VALUE FOR experiment_id_seq")) {
                    row.next();
                    String candidate = Long.toString(row.getLong(1));
                    try (PreparedStatement exists = connection.prepareStatement(
                            "SELECT 1 FROM experiment WHERE experiment_id = ?")) {
                        exists.setString(1, candidate);
                        try (ResultSet taken = exists.executeQuery()) {
                            if (!taken.next()) {
                                return candidate;
                            }
                        }
                    }
                }
            }
        }
    }

    static void upsertTag(Connection connection, String experimentId, String key, String value) throws SQLException {
        update(connection, "MERGE INTO experiment_tag (experiment_id, tag_key, tag_value) KEY (experiment_id, tag_key)"
                + " VALUES (?, ?, ?)", experimentId, key, value);
    }

    private static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static Experiment experiment(ResultSet row, Map<String, String> tags) throws SQLException {
        return new Experiment(row.getString(1), row.getString(2), row.getString(3), LifecycleStage.fromWire(row.getString(4)),
                row.getLong(5), row.getLong(6), tags);
    }

    private static List<Experiment> withTags(Connection connection, List<Experiment> experiments) throws SQLException {
        if (experiments.isEmpty()) {
            return experiments;
        }
        Map<String, Map<String, String>> tags = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT experiment_id, tag_key, tag_value FROM experiment_tag WHERE experiment_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("VARCHAR",
                    experiments.stream().map(Experiment::experimentId).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tags.computeIfAbsent(rows.getString(1), k -> new TreeMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
        return experiments.stream().map(e -> new Experiment(e.experimentId(), e.name(), e.artifactLocation(),
                e.lifecycleStage(), e.creationTime(), e.lastUpdateTime(), tags.getOrDefault(e.experimentId(), Map.of())))
                .toList();
    }
}
