package dev.cairn.app.tracking;

import dev.cairn.charts.MetricChart;

import dev.cairn.core.tracking.Experiment;
import dev.cairn.core.tracking.LifecycleStage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Experiments section: experiments on the left, the selected experiment's runs on the right. */
public final class ExperimentsView extends SplitPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final ExperimentsViewModel model;
    private final TableView<RunRow> table = new TableView<>();
    private final int fixedColumns;

    private final javafx.scene.layout.StackPane right = new javafx.scene.layout.StackPane();
    private final java.util.function.Supplier<RunViewModel> runPages;
    private final java.util.function.Supplier<CompareViewModel> comparisons;
    private VBox runList;
    private final java.util.Set<String> chosenIds = new java.util.LinkedHashSet<>();
    private boolean itemsChanging;

    /**
     * @param runPages    makes the view model of a run page, opened from the run table
     * @param comparisons makes the view model that compares the runs selected in the table
     */
    public ExperimentsView(ExperimentsViewModel model, java.util.function.Supplier<RunViewModel> runPages,
                           java.util.function.Supplier<CompareViewModel> comparisons) {
        this.model = model;
        this.runPages = runPages;
        this.comparisons = comparisons;
        setId("view-experiments");
        setOrientation(Orientation.HORIZONTAL);
        table.setId("run-table");
        // The table's selection model drops selected rows next to a replaced one; rows are replaced every second
        // while runs are in progress. So the chosen run ids are kept here and put back after every change: one
        // listener before the table's own (it marks the change), one after (it restores).
        model.runs().addListener((ListChangeListener<RunRow>) change -> itemsChanging = true);
        table.setItems(model.runs());
        model.runs().addListener((ListChangeListener<RunRow>) change -> restoreSelection());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) change -> {
            if (!itemsChanging) {
                chosenIds.clear();
                table.getSelectionModel().getSelectedItems().forEach(row -> chosenIds.add(row.runId()));
            }
        });
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        table.getColumns().addAll(List.of(
                nameColumn(),
                sortable(column("Status", RunRow::status, 90), "attributes.status"),
                sortable(column("Started", row -> row.startTime() == null ? ""
                        : WHEN.format(Instant.ofEpochMilli(row.startTime())), 165), "attributes.start_time"),
                unsortable(column("Duration", row -> row.durationMillis() == null ? ""
                        : format(Duration.ofMillis(row.durationMillis())), 90)),
                sortable(column("User", RunRow::user, 100), "attributes.user_id"),
                sortable(column("Source", RunRow::source, 110), "tags.`mlflow.source.name`")));
        fixedColumns = table.getColumns().size();
        model.metricKeys().addListener((ListChangeListener<String>) change -> rebuildKeyColumns());
        model.paramKeys().addListener((ListChangeListener<String>) change -> rebuildKeyColumns());
        model.columns().addListener((observable, old, chosen) -> rebuildKeyColumns());
        // The store sorts (and pages) by what the headers ask; sorting the loaded page alone would mislead.
        table.setSortPolicy(view -> {
            model.sortBy(view.getSortOrder().stream().filter(column -> column.getUserData() instanceof String)
                    .map(column -> column.getUserData() + (column.getSortType() == TableColumn.SortType.ASCENDING
                            ? " ASC" : " DESC")).toList());
            return true;
        });
        Label empty = new Label();
        empty.setId("run-table-empty");
        empty.textProperty().bind(Bindings.createStringBinding(() -> model.runFilter().get().isBlank()
                ? "No runs here yet. Start the MLflow API (status bar), then point training scripts at it:\n"
                        + "export MLFLOW_TRACKING_URI=http://127.0.0.1:5000"
                : "No runs match this filter.", model.runFilter()));
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);

        VBox runs = runPane();
        runList = runs;
        right.getChildren().setAll(runs);
        table.setRowFactory(view -> {
            javafx.scene.control.TableRow<RunRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    openRun(row.getItem(), runs);
                }
            });
            return row;
        });
        table.setOnKeyPressed(event -> {
            RunRow selectedRow = table.getSelectionModel().getSelectedItem();
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER && selectedRow != null) {
                openRun(selectedRow, runs);
            } else if (event.getCode() == javafx.scene.input.KeyCode.DELETE && selectedRow != null) {
                deleteSelected();
            }
        });
        getItems().addAll(experimentList(), right);
        setDividerPositions(0.25);
        SplitPane.setResizableWithParent(getItems().get(0), false);
        model.refresh();
        sceneProperty().addListener((observable, old, scene) -> model.follow(scene != null));
    }

    private VBox experimentList() {
        Label title = new Label("Experiments");
        title.getStyleClass().add("title-3");
        TextField search = new TextField();
        search.setId("experiment-search");
        search.setPromptText("Search experiments");
        search.textProperty().bindBidirectional(model.experimentSearch());
        search.setOnAction(event -> model.refresh());

        ListView<Experiment> list = new ListView<>(model.experiments());
        list.setId("experiment-list");
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Experiment experiment, boolean empty) {
                super.updateItem(experiment, empty);
                setText(empty || experiment == null ? null : experiment.name()
                        + (experiment.lifecycleStage() == LifecycleStage.DELETED ? "  (deleted)" : ""));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, old, experiment) -> {
            if (experiment != null) {
                model.selected().set(experiment);
            }
        });
        model.selected().addListener((o, old, experiment) -> list.getSelectionModel().select(experiment));
        VBox.setVgrow(list, Priority.ALWAYS);

        Button create = new Button("New…");
        create.setId("experiment-new");
        create.setOnAction(event -> ask("New experiment", "Name of the new experiment:", "").ifPresent(model::create));
        Button rename = new Button("Rename…");
        rename.setOnAction(event -> Optional.ofNullable(model.selected().get()).ifPresent(experiment ->
                ask("Rename experiment", "New name for " + experiment.name() + ":", experiment.name())
                        .ifPresent(name -> model.rename(experiment, name))));
        Button delete = new Button();
        delete.setId("experiment-delete");
        delete.textProperty().bind(Bindings.createStringBinding(() -> model.selected().get() != null
                && model.selected().get().lifecycleStage() == LifecycleStage.DELETED ? "Restore" : "Delete", model.selected()));
        delete.setOnAction(event -> deleteOrRestore());
        rename.disableProperty().bind(model.selected().isNull().or(model.busy()));
        delete.disableProperty().bind(model.selected().isNull().or(model.busy()));
        CheckBox deleted = new CheckBox("Show deleted");
        deleted.selectedProperty().bindBidirectional(model.showDeleted());
        for (Button button : List.of(create, rename, delete)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        VBox box = new VBox(8, title, search, list, new HBox(6, create, rename, delete), deleted);
        box.getStyleClass().addAll("section-view", "experiment-pane");
        box.setMinWidth(290);
        return box;
    }

    private VBox runPane() {
        Label title = new Label();
        title.getStyleClass().add("title-2");
        title.textProperty().bind(Bindings.createStringBinding(() -> model.selected().get() == null
                ? "No experiment selected" : model.selected().get().name(), model.selected()));
        TextField filter = new TextField();
        filter.setId("run-filter");
        filter.setPromptText("Filter runs, e.g. metrics.rmse < 0.5 and params.depth = '6'  (Enter)");
        filter.textProperty().bindBidirectional(model.runFilter());
        filter.setOnAction(event -> model.loadRuns());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Button apply = new Button("Search");
        apply.setOnAction(event -> model.loadRuns());
        Label error = new Label();
        error.setId("run-filter-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.textProperty().bind(model.runFilterError());
        error.visibleProperty().bind(model.runFilterError().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox.setVgrow(table, Priority.ALWAYS);

        Label count = new Label();
        count.setId("run-count");
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.runs().size() + " runs"
                + (model.nextPageToken().get() != null ? " loaded, more to load" : ""), model.runs(), model.nextPageToken()));
        Button more = new Button("Load more");
        more.setId("run-load-more");
        more.visibleProperty().bind(model.nextPageToken().isNotNull());
        more.disableProperty().bind(model.loadingRuns());
        more.setOnAction(event -> model.loadMore());
        Button compare = new Button("Compare selected");
        compare.setId("run-compare");
        compare.setTooltip(new javafx.scene.control.Tooltip("Select two or more runs (Ctrl+click) to compare them"));
        compare.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).lessThan(2));
        compare.setOnAction(event -> compareSelected());
        Button tag = new Button("Tag\u2026");
        tag.setId("run-tag");
        tag.setTooltip(new javafx.scene.control.Tooltip("Set a tag on the selected runs"));
        tag.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()).or(model.busy()));
        tag.setOnAction(event -> tagSelected());
        Button delete = new Button("Delete");
        delete.setId("run-delete");
        delete.setTooltip(new javafx.scene.control.Tooltip("Delete the selected runs (Delete); restorable"));
        delete.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()).or(model.busy()));
        delete.setOnAction(event -> deleteSelected());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(8, count, spacer, tag, delete, compare, more);
        footer.setAlignment(Pos.CENTER_LEFT);
        Button columnsButton = new Button("Columns\u2026");
        columnsButton.setId("run-columns");
        columnsButton.setTooltip(new javafx.scene.control.Tooltip("Choose the metrics (last, min, max, best step), "
                + "params and tags shown; remembered for this experiment"));
        columnsButton.setOnAction(event -> new RunColumnsDialog(model.effectiveColumns(), model.metricKeys(),
                model.paramKeys(), model.tagKeys(), getScene().getWindow()).showAndWait()
                .ifPresent(model::chooseColumns));
        HBox search = new HBox(8, filter, apply, columnsButton);
        VBox box = new VBox(8, title, search, error, table, footer);
        box.getStyleClass().add("section-view");
        return box;
    }

    /** Shows a run's page in place of the table; its back button returns to the table as it was. */
    public void openRun(RunRow row, VBox runs) {
        RunViewModel page = runPages.get();
        right.getChildren().setAll(new RunView(page, () -> {
            page.close();
            right.getChildren().setAll(runs);
        }));
        page.open(row.runId());
    }

    /** Shows the selected runs side by side in place of the table. */
    public void compareSelected() {
        List<String> ids = table.getSelectionModel().getSelectedItems().stream().map(RunRow::runId).toList();
        if (ids.size() < 2) {
            return;
        }
        CompareViewModel comparison = comparisons.get();
        right.getChildren().setAll(new CompareView(comparison, () -> right.getChildren().setAll(runList)));
        comparison.open(ids);
    }

    private void deleteOrRestore() {
        Experiment experiment = model.selected().get();
        if (experiment.lifecycleStage() == LifecycleStage.DELETED) {
            model.restore(experiment);
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + experiment.name()
                + " and its runs? They can be restored with \"Show deleted\".", ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText(null);
        confirm.initOwner(getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.delete(experiment));
    }

    private Optional<String> ask(String title, String prompt, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(prompt);
        dialog.initOwner(getScene().getWindow());
        return dialog.showAndWait().map(String::trim).filter(name -> !name.isEmpty());
    }

    /** Adds the chosen metric, param and tag columns (by default the first dozen metrics and params). */
    private void rebuildKeyColumns() {
        table.getColumns().remove(fixedColumns, table.getColumns().size());
        RunColumns chosen = model.effectiveColumns();
        chosen.metrics().forEach((key, figures) -> {
            for (RunColumns.Figure figure : RunColumns.Figure.values()) {
                if (figures.contains(figure)) {
                    table.getColumns().add(metricColumn(key, figure));
                }
            }
        });
        for (String key : chosen.params()) {
            TableColumn<RunRow, String> column = sortable(column(key, row -> row.params().get(key), 90),
                    "params.`" + key + "`");
            column.getStyleClass().add("param-column");
            table.getColumns().add(column);
        }
        for (String key : chosen.tags()) {
            TableColumn<RunRow, String> column = sortable(column(key, row -> row.tags().get(key), 90),
                    "tags.`" + key + "`");
            column.getStyleClass().add("tag-column");
            table.getColumns().add(column);
        }
    }

    /** The last value sorts in the store; min, max and the best step are figures of the loaded rows only. */
    private static TableColumn<RunRow, Number> metricColumn(String key, RunColumns.Figure figure) {
        String title = figure == RunColumns.Figure.LAST ? key : key + " " + figure.label();
        TableColumn<RunRow, Number> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> {
            RunRow row = cell.getValue();
            var range = row.ranges().get(key);
            Number value = switch (figure) {
                case LAST -> row.metrics().get(key);
                case MIN -> range == null || range.minStep() < 0 ? null : range.min();
                case MAX -> range == null || range.maxStep() < 0 ? null : range.max();
                case BEST_STEP -> range == null || range.bestStep(key) < 0 ? null : range.bestStep(key);
            };
            return new ReadOnlyObjectWrapper<>(value);
        });
        // Wide enough for the header: "val_loss best step" cut to "val_loss..." says nothing.
        column.setPrefWidth(Math.max(95, 8.5 * title.length() + 24));
        column.setCellFactory(view -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Number value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : value instanceof Long step ? step.toString()
                        : MetricChart.number(value.doubleValue()));
            }
        });
        column.getStyleClass().add("number-column");
        if (figure == RunColumns.Figure.LAST) {
            column.setUserData("metrics.`" + key + "`");
        } else {
            column.setSortable(false);
        }
        return column;
    }

    /** The run name, indented under its parent, with a triangle that folds a parent's nested runs. */
    private TableColumn<RunRow, String> nameColumn() {
        TableColumn<RunRow, String> column = sortable(column("Name", RunRow::name, 190), "attributes.run_name");
        column.setCellFactory(view -> new javafx.scene.control.TableCell<>() {
            private final Button fold = new Button();

            {
                fold.getStyleClass().addAll("flat", "run-fold");
                fold.setFocusTraversable(false);
                fold.setOnAction(event -> {
                    RunRow row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null) {
                        model.toggle(row.runId());
                    }
                });
            }

            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                RunRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(name);
                setPadding(new javafx.geometry.Insets(0, 0, 0, 4 + 16 * model.depth(row.runId())));
                if (model.hasChildren(row.runId())) {
                    fold.setText(model.isCollapsed(row.runId()) ? "\u25b8" : "\u25be");
                    setGraphic(fold);
                } else {
                    setGraphic(null);
                }
            }
        });
        return column;
    }

    private void restoreSelection() {
        try {
            List<RunRow> rows = model.runs();
            var selection = table.getSelectionModel();
            for (int i = 0; i < rows.size(); i++) {
                boolean chosen = chosenIds.contains(rows.get(i).runId());
                if (chosen && !selection.isSelected(i)) {
                    selection.select(i);
                } else if (!chosen && selection.isSelected(i)) {
                    selection.clearSelection(i);
                }
            }
        } finally {
            itemsChanging = false;
        }
    }

    private void tagSelected() {
        List<RunRow> chosen = List.copyOf(table.getSelectionModel().getSelectedItems());
        ask("Tag runs", "Tag for " + chosen.size() + " run(s), as key=value:", "").ifPresent(text -> {
            int equals = text.indexOf('=');
            if (equals <= 0) {
                new Alert(Alert.AlertType.WARNING, "Write the tag as key=value, e.g. reviewed=yes.", ButtonType.OK)
                        .showAndWait();
                return;
            }
            model.tagRuns(chosen, text.substring(0, equals).trim(), text.substring(equals + 1).trim());
        });
    }

    private void deleteSelected() {
        List<RunRow> chosen = List.copyOf(table.getSelectionModel().getSelectedItems());
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + chosen.size()
                + " run(s)? They can be restored through the MLflow API (runs/restore).", ButtonType.CANCEL,
                ButtonType.OK);
        confirm.setHeaderText(null);
        confirm.initOwner(getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.deleteRuns(chosen));
    }

    private static <T> TableColumn<RunRow, T> sortable(TableColumn<RunRow, T> column, String orderBy) {
        column.setUserData(orderBy);
        return column;
    }

    private static <T> TableColumn<RunRow, T> unsortable(TableColumn<RunRow, T> column) {
        column.setSortable(false);
        return column;
    }

    private static TableColumn<RunRow, String> column(String title, Function<RunRow, String> value, double width) {
        TableColumn<RunRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return duration.toMillis() < 10_000 ? String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0) : seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m " + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
    }
}
