package dev.cairn.app.cli;

import dev.cairn.core.drift.Dataset;
import dev.cairn.core.drift.DatasetStore;
import dev.cairn.core.drift.DriftReport;
import dev.cairn.core.drift.DriftReportStore;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registers data files in the workspace, each under its file name without extension unless named. */
final class DatasetRegistration {

    private DatasetRegistration() {
    }

    static List<DatasetStore.Registration> register(Path home, Map<Path, Dataset> datasets) {
        return record(home, datasets, null);
    }

    /** Registers the files and, when {@code report} is not null, records the comparison made of them. */
    static List<DatasetStore.Registration> record(Path home, Map<Path, Dataset> datasets, DriftReport report) {
        LogSetup.useDataDirectory(home);
        List<DatasetStore.Registration> registrations = new ArrayList<>();
        try (Workspace workspace = Workspace.open(home)) {
            DatasetStore store = new DatasetStore(workspace.store(), Clock.systemUTC());
            datasets.forEach((file, dataset) -> registrations.add(store.register(defaultName(file), dataset, file)));
            if (report != null) {
                new DriftReportStore(workspace.store(), Clock.systemUTC()).save(report);
            }
        }
        return registrations;
    }

    static String defaultName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
