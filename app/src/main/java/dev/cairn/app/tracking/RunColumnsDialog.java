package dev.cairn.app.tracking;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Chooses the run table's columns: every metric, param and tag key of the loaded runs, a tick for each, and for
 * metrics a tick per figure (last, min, max, best step). A filter narrows long key lists.
 */
final class RunColumnsDialog extends Dialog<RunColumns> {

    /** One key and its ticks; params and tags have only "last" (meaning: shown). */
    record Choice(String kind, String key, Map<RunColumns.Figure, BooleanProperty> ticks) {

        boolean metric() {
            return kind.equals("metric");
        }
    }

    private final ObservableList<Choice> choices = FXCollections.observableArrayList();

    RunColumnsDialog(RunColumns current, List<String> metricKeys, List<String> paramKeys, List<String> tagKeys,
            Window owner) {
        setTitle("Run table columns");
        setHeaderText(null);
        initOwner(owner);
        for (String key : metricKeys) {
            Set<RunColumns.Figure> shown = current.metrics().getOrDefault(key, Set.of());
            Map<RunColumns.Figure, BooleanProperty> ticks = new LinkedHashMap<>();
            for (RunColumns.Figure figure : RunColumns.Figure.values()) {
                ticks.put(figure, new SimpleBooleanProperty(shown.contains(figure)));
            }
            choices.add(new Choice("metric", key, ticks));
        }
        paramKeys.forEach(key -> choices.add(single("param", key, current.params().contains(key))));
        tagKeys.forEach(key -> choices.add(single("tag", key, current.tags().contains(key))));

        FilteredList<Choice> shown = new FilteredList<>(choices);
        TextField filter = new TextField();
        filter.setId("columns-filter");
        filter.setPromptText("Filter keys");
        filter.textProperty().addListener((obs, old, text) -> {
            String needle = text.trim().toLowerCase(Locale.ROOT);
            shown.setPredicate(needle.isEmpty() ? null : c -> c.key().toLowerCase(Locale.ROOT).contains(needle));
        });
        TableView<Choice> table = new TableView<>(shown);
        table.setId("columns-table");
        table.setPrefSize(640, 420);
        table.setPlaceholder(new javafx.scene.control.Label("No metrics, params or tags in the loaded runs."));
        TableColumn<Choice, String> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().kind()));
        kind.setPrefWidth(65);
        TableColumn<Choice, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().key()));
        key.setPrefWidth(210);
        table.getColumns().add(kind);
        table.getColumns().add(key);
        for (RunColumns.Figure figure : RunColumns.Figure.values()) {
            table.getColumns().add(tickColumn(figure));
        }
        javafx.scene.control.Label note = new javafx.scene.control.Label("Best step: the step of the lowest value "
                + "for metrics named like a loss or error (loss, rmse, mae, ...), of the highest for the rest.");
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");
        getDialogPane().setContent(new VBox(8, filter, table, note));
        getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ButtonType.OK);
        setResultConverter(button -> button == ButtonType.OK ? chosen() : null);
    }

    private static Choice single(String kind, String key, boolean shown) {
        Map<RunColumns.Figure, BooleanProperty> ticks = new LinkedHashMap<>();
        ticks.put(RunColumns.Figure.LAST, new SimpleBooleanProperty(shown));
        return new Choice(kind, key, ticks);
    }

    /** A column of ticks; "last" is the "show" tick for params and tags, the others are for metrics only. */
    private static TableColumn<Choice, Boolean> tickColumn(RunColumns.Figure figure) {
        TableColumn<Choice, Boolean> column = new TableColumn<>(figure == RunColumns.Figure.LAST ? "shown (last)"
                : figure.label());
        column.setPrefWidth(figure == RunColumns.Figure.LAST ? 110 : figure == RunColumns.Figure.BEST_STEP ? 95 : 60);
        column.setCellFactory(view -> new TableCell<>() {
            private final CheckBox box = new CheckBox();
            private BooleanProperty bound;

            @Override
            protected void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                if (bound != null) {
                    box.selectedProperty().unbindBidirectional(bound);
                    bound = null;
                }
                Choice choice = empty || getTableRow() == null ? null : getTableRow().getItem();
                BooleanProperty tick = choice == null ? null : choice.ticks().get(figure);
                if (tick == null) {
                    setGraphic(null);
                    return;
                }
                bound = tick;
                box.selectedProperty().bindBidirectional(tick);
                setGraphic(box);
            }
        });
        return column;
    }

    /** The ticks as a column choice, in the dialog's order. */
    RunColumns chosen() {
        Map<String, Set<RunColumns.Figure>> metrics = new LinkedHashMap<>();
        List<String> params = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (Choice choice : choices) {
            if (choice.metric()) {
                Set<RunColumns.Figure> figures = EnumSet.noneOf(RunColumns.Figure.class);
                choice.ticks().forEach((figure, tick) -> {
                    if (tick.get()) {
                        figures.add(figure);
                    }
                });
                metrics.put(choice.key(), figures);
            } else if (choice.ticks().get(RunColumns.Figure.LAST).get()) {
                (choice.kind().equals("param") ? params : tags).add(choice.key());
            }
        }
        return new RunColumns(metrics, params, tags);
    }

    /** For tests: the rows, to tick without the mouse. */
    List<Choice> choices() {
        return choices;
    }
}
