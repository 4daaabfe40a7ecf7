package dev.cairn.core.store;

import java.util.List;

/**
 * Cairn's schema migrations, in order. Add a new script under
 * {@code dev/cairn/core/store/migration/} and a line here; never edit a script that has shipped.
 */
public final class CairnSchema {

    private static final String FOLDER = "/dev/cairn/core/store/migration/";

    /** Every migration this build knows, oldest first. */
    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "settings", FOLDER + "V1__settings.sql"),
            new Migration(2, "tracking", FOLDER + "V2__tracking.sql"),
            new Migration(3, "logged models", FOLDER + "V3__logged_models.sql"),
            new Migration(4, "model registry", FOLDER + "V4__model_registry.sql"),
            new Migration(5, "benchmarks", FOLDER + "V5__benchmarks.sql"),
            new Migration(6, "benchmark sweeps", FOLDER + "V6__benchmark_sweeps.sql"),
            new Migration(7, "metric ranges", FOLDER + "V7__metric_ranges.sql"),
            new Migration(8, "deploy", FOLDER + "V8__deploy.sql"),
            new Migration(9, "datasets", FOLDER + "V9__datasets.sql"),
            new Migration(10, "prediction monitoring", FOLDER + "V10__prediction_monitoring.sql"),
            new Migration(11, "drift reports", FOLDER + "V11__drift_reports.sql"),
            new Migration(12, "MLflow 3: longer tags, model outputs and inputs, logged-model metrics",
                    FOLDER + "V12__mlflow3.sql"));

    private CairnSchema() {
    }

    /** The schema version this build writes. */
    public static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }
}
