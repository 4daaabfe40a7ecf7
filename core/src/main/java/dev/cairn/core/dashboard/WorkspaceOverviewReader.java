package dev.cairn.core.dashboard;

import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import dev.cairn.core.tracking.MetricRange;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link WorkspaceOverview} with a handful of aggregate queries (never one per run or per model), so the
 * dashboard can read it again every few seconds on a workspace with many thousands of runs.
 */
public final class WorkspaceOverviewReader {

    private static final int EXPERIMENTS = 6;
    private static final int DRIFT = 5;
    private static final int BENCHMARKS = 6;
    private static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");

    private final Store store;
    private final Clock clock;
    private final ZoneId zone;

    public WorkspaceOverviewReader(Store store, Clock clock, ZoneId zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    public WorkspaceOverview read() {
        return store.read(connection -> {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            LocalDate first = today.minusDays(6);
            long since = first.atStartOfDay(zone).toInstant().toEpochMilli();
            long[] perDay = new long[7];
            for (long start : Jdbc.list(connection, "SELECT start_time FROM run WHERE start_time >= ? AND "
                    + "lifecycle_stage = 'active'", row -> row.getLong(1), since)) {
                LocalDate day = java.time.Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
                int index = (int) (day.toEpochDay() - first.toEpochDay());
                if (index >= 0 && index < 7) {
                    perDay[index]++;
                }
            }
            Map<String, Integer> stages = new LinkedHashMap<>();
            STAGES.forEach(stage -> stages.put(stage, 0));
            Jdbc.list(connection, "SELECT current_stage, COUNT(*) FROM model_version GROUP BY current_stage",
                    row -> Map.entry(row.getString(1), row.getInt(2))).forEach(e -> stages.put(e.getKey(), e.getValue()));
            int models = Jdbc.first(connection, "SELECT COUNT(*) FROM registered_model", row -> row.getInt(1))
                    .orElse(0);
            int aliases = Jdbc.first(connection, "SELECT COUNT(*) FROM registered_model_alias", row -> row.getInt(1))
                    .orElse(0);
            // The newest deployment of each model on each host: the one that serves, or last served.
            List<WorkspaceOverview.DeploymentState> deployments = Jdbc.list(connection, "SELECT d.id, d.model_name, "
                    + "d.model_version, d.host, d.url, d.status FROM deployment d WHERE d.id = (SELECT MAX(o.id) FROM "
                    + "deployment o WHERE o.model_name = d.model_name AND o.host = d.host) ORDER BY d.id DESC",
                    row -> new WorkspaceOverview.DeploymentState(row.getLong(1), row.getString(2), row.getInt(3),
                            row.getString(4), row.getString(5), row.getString(6)));
            List<WorkspaceOverview.DriftVerdict> drift = Jdbc.list(connection, "SELECT reference_name, current_name, "
                    + "drifted_columns, column_count, dataset_drift, created_at FROM drift_report ORDER BY id DESC "
                    + "LIMIT ?", row -> new WorkspaceOverview.DriftVerdict(row.getString(1), row.getString(2),
                            row.getInt(3), row.getInt(4), row.getBoolean(5), row.getLong(6)), DRIFT);
            List<WorkspaceOverview.BenchmarkFigure> benchmarks = Jdbc.list(connection, "SELECT b.model_name, "
                    + "b.model_version, b.latency_p99_ns, b.inferences_per_second, b.created_at FROM benchmark_result b "
                    + "WHERE b.id = (SELECT MAX(o.id) FROM benchmark_result o WHERE o.model_name = b.model_name) "
                    + "ORDER BY b.id DESC LIMIT ?", row -> new WorkspaceOverview.BenchmarkFigure(row.getString(1),
                            (Integer) row.getObject(2), row.getLong(3) / 1e6, row.getDouble(4), row.getLong(5)),
                    BENCHMARKS);
            return new WorkspaceOverview(perDay, experiments(connection), models, stages, aliases, deployments, drift,
                    benchmarks);
        });
    }

    /** One metric of one experiment: how many runs logged it, the extremes of their latest values. */
    private record KeyFigures(String experiment, String key, int runs, double min, double max, long lastRun) {

        /** Held-out metrics say how good a model is; training ones mostly how it trained. */
        boolean heldOut() {
            String lower = key.toLowerCase(java.util.Locale.ROOT);
            return lower.startsWith("val") || lower.startsWith("test") || lower.startsWith("eval");
        }
    }

    /** The metric more runs logged; on a tie a held-out one (val_, test_, eval_), then the first by name. */
    private static KeyFigures morePrimary(KeyFigures a, KeyFigures b) {
        if (a.runs() != b.runs()) {
            return a.runs() > b.runs() ? a : b;
        }
        if (a.heldOut() != b.heldOut()) {
            return a.heldOut() ? a : b;
        }
        return a.key().compareTo(b.key()) <= 0 ? a : b;
    }

    /** Per experiment, the metric most of its runs logged, and the best of those runs' latest values. */
    private static List<WorkspaceOverview.ExperimentBest> experiments(java.sql.Connection connection)
            throws java.sql.SQLException {
        List<KeyFigures> rows = Jdbc.list(connection, "SELECT e.name, m.metric_key, COUNT(*), MIN(m.metric_value), "
                + "MAX(m.metric_value), MAX(r.start_time) FROM latest_metric m JOIN run r ON r.run_id = m.run_id "
                + "JOIN experiment e ON e.experiment_id = r.experiment_id WHERE r.lifecycle_stage = 'active' AND "
                + "e.lifecycle_stage = 'active' AND m.metric_value <> CAST('NaN' AS DOUBLE PRECISION) "
                + "GROUP BY e.name, m.metric_key", row -> new KeyFigures(row.getString(1), row.getString(2),
                        row.getInt(3), row.getDouble(4), row.getDouble(5), row.getLong(6)));
        Map<String, KeyFigures> primary = new HashMap<>();
        Map<String, Long> lastRun = new HashMap<>();
        for (KeyFigures figures : rows) {
            lastRun.merge(figures.experiment(), figures.lastRun(), Math::max);
            primary.merge(figures.experiment(), figures, WorkspaceOverviewReader::morePrimary);
        }
        List<WorkspaceOverview.ExperimentBest> best = new ArrayList<>();
        primary.forEach((experiment, figures) -> {
            boolean lower = MetricRange.lowerIsBetter(figures.key());
            best.add(new WorkspaceOverview.ExperimentBest(experiment, figures.key(), lower ? figures.min()
                    : figures.max(), lower, figures.runs(), lastRun.get(experiment)));
        });
        best.sort(Comparator.comparingLong(WorkspaceOverview.ExperimentBest::lastRunMillis).reversed());
        return best.subList(0, Math.min(EXPERIMENTS, best.size()));
    }
}
