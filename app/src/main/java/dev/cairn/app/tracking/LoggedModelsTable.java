package dev.cairn.app.tracking;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The run page's table of MLflow 3 logged models: what each is to the run, its state, params, metrics, versions. */
final class LoggedModelsTable extends TableView<RunLoggedModels.Row> {

    LoggedModelsTable(ObservableList<RunLoggedModels.Row> rows) {
        super(rows);
        setId("run-logged-models");
        setPlaceholder(new Label("No logged models. MLflow 3's log_model (e.g. mlflow.sklearn.log_model) adds them."));
        getColumns().add(column("Model", RunLoggedModels.Row::name, 150));
        getColumns().add(column("Role", RunLoggedModels.Row::role, 130));
        getColumns().add(column("Status", RunLoggedModels.Row::status, 90));
        getColumns().add(column("Params", RunLoggedModels.Row::params, 180));
        getColumns().add(column("Metrics", RunLoggedModels.Row::metrics, 200));
        getColumns().add(column("Files", row -> Integer.toString(row.files()), 50));
        getColumns().add(column("Registered as", RunLoggedModels.Row::registered, 130));
        setRowFactory(table -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(RunLoggedModels.Row row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(row == null || empty ? null : new Tooltip(row.modelId()));
            }
        });
        setPrefHeight(150);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private static TableColumn<RunLoggedModels.Row, String> column(String title,
                                                                   Function<RunLoggedModels.Row, String> value,
                                                                   double width) {
        TableColumn<RunLoggedModels.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
