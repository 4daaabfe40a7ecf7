package dev.cairn.app.tracking;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.tracking.Experiment;
import dev.cairn.core.tracking.Page;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.tracking.ViewType;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Experiments section: the experiment list with its commands, and the runs of the selected
 * experiment, filtered with MLflow's grammar and read page by page from the store.
 */
public final class ExperimentsViewModel {

    private static final int PAGE = 500;

    private final TrackingServices tracking;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final ObservableList<Experiment> experiments = FXCollections.observableArrayList();
    private final StringProperty experimentSearch = new SimpleStringProperty("");
    private final BooleanProperty showDeleted = new SimpleBooleanProperty();
    private final ObjectProperty<Experiment> selected = new SimpleObjectProperty<>();
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObservableList<String> metricKeys = FXCollections.observableArrayList();
    private final ObservableList<String> paramKeys = FXCollections.observableArrayList();
    private final StringProperty runFilter = new SimpleStringProperty("");
    private final StringProperty runFilterError = new SimpleStringProperty("");
    private final StringProperty nextPageToken = new SimpleStringProperty();
    private final BooleanProperty loadingRuns = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** Bumped by every new query, so pages of an older query that arrive late are dropped. */
    private long query;

    public ExperimentsViewModel(TrackingServices tracking, TaskExecutor tasks, Notifier notifier) {
        this.tracking = tracking;
        this.tasks = tasks;
        this.notifier = notifier;
        selected.addListener((observable, old, experiment) -> loadRuns());
        showDeleted.addListener((observable, old, value) -> refresh());
    }

    /** Reloads the experiment list, keeping the selection when the experiment is still there. */
    public void refresh() {
        String search = experimentSearch.get().trim();
        String filter = search.isEmpty() ? "" : "name ILIKE '%" + search.replace("'", "''") + "%'";
        ViewType view = showDeleted.get() ? ViewType.ALL : ViewType.ACTIVE_ONLY;
        tasks.execute(BackgroundTask.of("Loading experiments",
                        (progress, cancellation) -> tracking.experiments().search(filter, view, 50_000,
                                List.of("name ASC"), null).items())
                .busy(busy)
                .onSuccess(found -> {
                    String keep = selected.get() == null ? null : selected.get().experimentId();
                    experiments.setAll(found);
                    selected.set(found.stream().filter(e -> e.experimentId().equals(keep)).findFirst()
                            .orElse(found.isEmpty() ? null : found.get(0)));
                }));
    }

    /** Reads the first page of runs of the selected experiment that match the filter. */
    public void loadRuns() {
        query++;
        runs.clear();
        nextPageToken.set(null);
        loadPage(null);
    }

    /** Appends the next page of runs. */
    public void loadMore() {
        if (nextPageToken.get() != null) {
            loadPage(nextPageToken.get());
        }
    }

    private void loadPage(String token) {
        Experiment experiment = selected.get();
        if (experiment == null) {
            return;
        }
        String filter = runFilter.get();
        long asked = query;
        tasks.execute(BackgroundTask.of("Loading runs of " + experiment.name(),
                        (progress, cancellation) -> tracking.runs().search(List.of(experiment.experimentId()), filter,
                                ViewType.ACTIVE_ONLY, PAGE, List.of(), token))
                .busy(loadingRuns)
                .onSuccess((Page<Run> page) -> {
                    if (asked != query) {
                        return;
                    }
                    runFilterError.set("");
                    List<RunRow> rows = page.items().stream().map(RunRow::of).toList();
                    runs.addAll(rows);
                    nextPageToken.set(page.nextPageToken());
                    updateKeys(rows);
                })
                .onError(TrackingException.class, e -> {
                    if (asked == query) {
                        runFilterError.set(e.getMessage());
                    }
                }));
    }

    private void updateKeys(List<RunRow> rows) {
        TreeSet<String> metrics = new TreeSet<>(metricKeys);
        TreeSet<String> params = new TreeSet<>(paramKeys);
        rows.forEach(row -> {
            metrics.addAll(row.metrics().keySet());
            params.addAll(row.params().keySet());
        });
        if (!metrics.equals(new TreeSet<>(metricKeys))) {
            metricKeys.setAll(metrics);
        }
        if (!params.equals(new TreeSet<>(paramKeys))) {
            paramKeys.setAll(params);
        }
    }

    public void create(String name) {
        tasks.execute(BackgroundTask.of("Creating experiment " + name,
                        (progress, cancellation) -> tracking.experiments().create(name, null, java.util.Map.of()))
                .busy(busy)
                .onSuccess(id -> {
                    notifier.info("Created experiment " + name + ".");
                    refresh();
                }));
    }

    public void rename(Experiment experiment, String newName) {
        command("Renaming " + experiment.name(), () -> tracking.experiments().rename(experiment.experimentId(), newName),
                "Renamed " + experiment.name() + " to " + newName + ".");
    }

    public void delete(Experiment experiment) {
        command("Deleting " + experiment.name(), () -> tracking.experiments().delete(experiment.experimentId()),
                "Deleted " + experiment.name() + " and its runs; turn on \"Show deleted\" to restore them.");
    }

    public void restore(Experiment experiment) {
        command("Restoring " + experiment.name(), () -> tracking.experiments().restore(experiment.experimentId()),
                "Restored " + experiment.name() + ".");
    }

    private void command(String title, Runnable action, String done) {
        tasks.execute(BackgroundTask.of(title, (progress, cancellation) -> {
            action.run();
            return done;
        }).busy(busy).onSuccess(message -> {
            notifier.info(message);
            refresh();
        }));
    }

    public ObservableList<Experiment> experiments() {
        return experiments;
    }

    public StringProperty experimentSearch() {
        return experimentSearch;
    }

    public BooleanProperty showDeleted() {
        return showDeleted;
    }

    public ObjectProperty<Experiment> selected() {
        return selected;
    }

    public ObservableList<RunRow> runs() {
        return runs;
    }

    public ObservableList<String> metricKeys() {
        return metricKeys;
    }

    public ObservableList<String> paramKeys() {
        return paramKeys;
    }

    public StringProperty runFilter() {
        return runFilter;
    }

    public StringProperty runFilterError() {
        return runFilterError;
    }

    public StringProperty nextPageToken() {
        return nextPageToken;
    }

    public BooleanProperty loadingRuns() {
        return loadingRuns;
    }

    public BooleanProperty busy() {
        return busy;
    }
}
