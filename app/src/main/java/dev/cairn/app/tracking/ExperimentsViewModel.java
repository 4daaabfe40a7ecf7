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
import dev.cairn.core.settings.SettingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
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
 * experiment, filtered with MLflow's grammar, sorted by the store and read page by page from it. Nested runs
 * follow their parent (collapsible); runs still RUNNING are read again every second and updated in place; the
 * columns chosen are remembered per experiment.
 */
public final class ExperimentsViewModel {

    private static final int PAGE = 500;
    private static final int FOLLOWED = 100;
    private static final String COLUMNS_SETTING = "tracking.run-table.columns.";

    private final TrackingServices tracking;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final SettingStore settings;
    private final List<RunRow> loaded = new ArrayList<>();
    private final Set<String> collapsed = new HashSet<>();
    private final ObjectProperty<RunColumns> columns = new SimpleObjectProperty<>();
    private final ObservableList<String> orderBy = FXCollections.observableArrayList();
    private final ObservableList<String> tagKeys = FXCollections.observableArrayList();
    private final Timeline follow = new Timeline(new KeyFrame(Duration.seconds(1), event -> refreshRunning()));
    private boolean refreshing;
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
    private final Map<String, Integer> depth = new HashMap<>();
    private final Set<String> parents = new HashSet<>();
    /** Bumped by every new query, so pages of an older query that arrive late are dropped. */
    private long query;

    /** @param settings where the column choice of each experiment is kept */
    public ExperimentsViewModel(TrackingServices tracking, TaskExecutor tasks, Notifier notifier,
            SettingStore settings) {
        this.tracking = tracking;
        this.tasks = tasks;
        this.notifier = notifier;
        this.settings = settings;
        selected.addListener((observable, old, experiment) -> {
            columns.set(null);
            orderBy.clear();
            loadColumns(experiment);
            loadRuns();
        });
        showDeleted.addListener((observable, old, value) -> refresh());
        follow.setCycleCount(Animation.INDEFINITE);
        follow.play();
    }

    /** Stops reading running runs; call when the view goes for good. */
    public void close() {
        follow.stop();
    }

    /** Follows running runs while the table is on screen, and stops while it is not. */
    public void follow(boolean shown) {
        if (shown) {
            follow.play();
        } else {
            follow.stop();
        }
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
        loaded.clear();
        runs.clear();
        nextPageToken.set(null);
        loadPage(null);
    }

    /** Sorts by these MLflow order-by clauses ({@code metrics.`rmse` DESC}); the store sorts, then pages. */
    public void sortBy(List<String> clauses) {
        if (!clauses.equals(orderBy)) {
            orderBy.setAll(clauses);
            loadRuns();
        }
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
        List<String> order = List.copyOf(orderBy);
        long asked = query;
        tasks.execute(BackgroundTask.of("Loading runs of " + experiment.name(),
                        (progress, cancellation) -> tracking.runs().search(List.of(experiment.experimentId()), filter,
                                ViewType.ACTIVE_ONLY, PAGE, order, token))
                .busy(loadingRuns)
                .onSuccess((Page<Run> page) -> {
                    if (asked != query) {
                        return;
                    }
                    runFilterError.set("");
                    List<RunRow> rows = page.items().stream().map(RunRow::of).toList();
                    loaded.addAll(rows);
                    arrange();
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
        TreeSet<String> tags = new TreeSet<>(tagKeys);
        rows.forEach(row -> {
            metrics.addAll(row.metrics().keySet());
            params.addAll(row.params().keySet());
            row.tags().keySet().stream().filter(key -> !key.startsWith("mlflow.")).forEach(tags::add);
        });
        if (!metrics.equals(new TreeSet<>(metricKeys))) {
            metricKeys.setAll(metrics);
        }
        if (!params.equals(new TreeSet<>(paramKeys))) {
            paramKeys.setAll(params);
        }
        if (!tags.equals(new TreeSet<>(tagKeys))) {
            tagKeys.setAll(tags);
        }
    }

    /**
     * Puts each loaded nested run under its parent (when the parent is loaded too), in the store's order among
     * siblings, leaving out the children of collapsed parents.
     */
    private void arrange() {
        Map<String, List<RunRow>> children = new HashMap<>();
        Set<String> ids = new HashSet<>();
        loaded.forEach(row -> ids.add(row.runId()));
        List<RunRow> roots = new ArrayList<>();
        for (RunRow row : loaded) {
            if (row.parentRunId() != null && ids.contains(row.parentRunId()) && !row.parentRunId().equals(row.runId())) {
                children.computeIfAbsent(row.parentRunId(), k -> new ArrayList<>()).add(row);
            } else {
                roots.add(row);
            }
        }
        List<RunRow> shown = new ArrayList<>();
        depth.clear();
        parents.clear();
        parents.addAll(children.keySet());
        for (RunRow root : roots) {
            add(root, 0, children, shown, new HashSet<>());
        }
        runs.setAll(shown);
    }

    private void add(RunRow row, int level, Map<String, List<RunRow>> children, List<RunRow> shown, Set<String> path) {
        if (!path.add(row.runId())) {
            return; // a parent loop in the tags: show each run once
        }
        shown.add(row);
        depth.put(row.runId(), level);
        if (!collapsed.contains(row.runId())) {
            for (RunRow child : children.getOrDefault(row.runId(), List.of())) {
                add(child, level + 1, children, shown, path);
            }
        }
    }

    /** Shows or hides a parent run's nested runs. */
    public void toggle(String runId) {
        if (!collapsed.remove(runId)) {
            collapsed.add(runId);
        }
        arrange();
    }

    /** How deep a shown run is nested: 0 for a top-level run. */
    public int depth(String runId) {
        return depth.getOrDefault(runId, 0);
    }

    /** Whether a shown run has nested runs loaded, and whether they are hidden. */
    public boolean hasChildren(String runId) {
        return parents.contains(runId);
    }

    public boolean isCollapsed(String runId) {
        return collapsed.contains(runId);
    }

    /**
     * Reads again the runs shown as RUNNING and replaces their rows in place, and adds runs started since the
     * newest one shown, so a training in progress is watched without reloading the table. Skipped while a read
     * is under way.
     */
    private void refreshRunning() {
        Experiment experiment = selected.get();
        // Runs whose scripts died stay RUNNING for ever in MLflow; the newest hundred are followed, in one query.
        List<String> running = loaded.stream().filter(RunRow::running).map(RunRow::runId).limit(FOLLOWED).toList();
        long newest = loaded.stream().map(RunRow::startTime).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(-1);
        if (experiment == null || refreshing || loadingRuns.get() || loaded.isEmpty()) {
            return;
        }
        // New runs are only placed on top when the table is in its default order (newest first).
        boolean watchNew = orderBy.isEmpty() && newest >= 0;
        if (running.isEmpty() && !watchNew) {
            return;
        }
        refreshing = true;
        long asked = query;
        String filter = runFilter.get();
        tasks.execute(BackgroundTask.of("Following running runs", (progress, cancellation) -> {
            List<RunRow> updated = running.isEmpty() ? List.of() : tracking.runs().search(
                    List.of(experiment.experimentId()), "attributes.run_id IN (" + String.join(", ",
                            running.stream().map(id -> "'" + id + "'").toList()) + ")", ViewType.ACTIVE_ONLY,
                    FOLLOWED, List.of(), null).items().stream().map(RunRow::of).toList();
            List<RunRow> started = List.of();
            if (watchNew) {
                String since = "attributes.start_time > " + newest;
                started = tracking.runs().search(List.of(experiment.experimentId()),
                        filter.isBlank() ? since : filter + " and " + since, ViewType.ACTIVE_ONLY, PAGE, List.of(),
                        null).items().stream().map(RunRow::of).toList();
            }
            return new Refresh(updated, started);
        }).onSuccess(refresh -> {
            if (asked != query) {
                return;
            }
            replaceRows(refresh.updated());
            Set<String> known = new HashSet<>();
            loaded.forEach(row -> known.add(row.runId()));
            List<RunRow> fresh = refresh.started().stream().filter(row -> !known.contains(row.runId())).toList();
            if (!fresh.isEmpty()) {
                loaded.addAll(0, fresh);
                if (fresh.stream().allMatch(row -> row.parentRunId() == null || !known.contains(row.parentRunId()))) {
                    runs.addAll(0, fresh); // on top, as the newest; the selection moves down with its rows
                    fresh.forEach(row -> depth.put(row.runId(), 0));
                } else {
                    arrange();
                }
                updateKeys(fresh);
            }
        }).onError(Exception.class, e -> { }) // the next tick tries again; a one-off read failure is not news
                .andFinally(() -> refreshing = false));
    }

    private record Refresh(List<RunRow> updated, List<RunRow> started) {
    }

    /**
     * Puts fresh copies of rows in place of the old ones, only where something changed, one list slot at a time:
     * replacing the whole list would drop the user's selection every second while runs are in progress.
     */
    private void replaceRows(List<RunRow> fresh) {
        for (RunRow row : fresh) {
            int at = indexOf(loaded, row.runId());
            if (at < 0 || loaded.get(at).equals(row)) {
                continue;
            }
            loaded.set(at, row);
            int shown = indexOf(runs, row.runId());
            if (shown >= 0) {
                runs.set(shown, row);
            }
        }
        updateKeys(fresh);
    }

    private static int indexOf(List<RunRow> rows, String runId) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).runId().equals(runId)) {
                return i;
            }
        }
        return -1;
    }

    /** The saved column choice of an experiment, or the defaults once its runs are known. */
    private void loadColumns(Experiment experiment) {
        if (experiment == null) {
            return;
        }
        String id = experiment.experimentId();
        tasks.execute(BackgroundTask.of("Reading the column choice", (progress, cancellation) ->
                settings.get(COLUMNS_SETTING + id).map(RunColumns::fromJson).orElse(null)).onSuccess(saved -> {
                    if (saved != null && selected.get() != null && selected.get().experimentId().equals(id)) {
                        columns.set(saved);
                    }
                }));
    }

    /** Shows these columns and remembers them for the selected experiment. */
    public void chooseColumns(RunColumns chosen) {
        columns.set(chosen);
        Experiment experiment = selected.get();
        if (experiment != null) {
            String json = chosen.toJson();
            tasks.execute(BackgroundTask.of("Saving the column choice", (progress, cancellation) -> {
                settings.put(COLUMNS_SETTING + experiment.experimentId(), json);
                return null;
            }));
        }
    }

    /** The columns shown: the saved choice, or the defaults for the keys seen so far. */
    public RunColumns effectiveColumns() {
        return columns.get() != null ? columns.get() : RunColumns.defaults(metricKeys, paramKeys);
    }

    /** Deletes runs (restorable as MLflow's are), then reads the table again. */
    public void deleteRuns(List<RunRow> chosen) {
        List<String> ids = chosen.stream().map(RunRow::runId).toList();
        tasks.execute(BackgroundTask.of("Deleting " + ids.size() + " run(s)", (progress, cancellation) -> {
            ids.forEach(tracking.runs()::delete);
            return ids.size();
        }).busy(busy).onSuccess(count -> {
            notifier.info("Deleted " + count + " run(s).");
            loadRuns();
        }));
    }

    /** Sets one tag on every chosen run. */
    public void tagRuns(List<RunRow> chosen, String key, String value) {
        List<String> ids = chosen.stream().map(RunRow::runId).toList();
        tasks.execute(BackgroundTask.of("Tagging " + ids.size() + " run(s)", (progress, cancellation) -> {
            List<RunRow> tagged = new ArrayList<>();
            for (String id : ids) {
                tracking.log().setTag(id, key, value);
                tagged.add(RunRow.of(tracking.runs().get(id)));
            }
            return tagged;
        }).busy(busy).onSuccess(tagged -> {
            replaceRows(tagged);
            notifier.info("Tagged " + tagged.size() + " run(s) " + key + "=" + value + ".");
        }).onError(TrackingException.class, e -> notifier.warn(e.getMessage())));
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

    /** Keys of the user tags on loaded runs (MLflow's own mlflow.* tags left out). */
    public ObservableList<String> tagKeys() {
        return tagKeys;
    }

    /** The chosen columns of the selected experiment, or null until one is chosen (then the defaults apply). */
    public ObjectProperty<RunColumns> columns() {
        return columns;
    }

    /** The order-by clauses in force; empty for newest first. */
    public ObservableList<String> orderBy() {
        return orderBy;
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
