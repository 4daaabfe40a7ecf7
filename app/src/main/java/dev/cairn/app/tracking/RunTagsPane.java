package dev.cairn.app.tracking;

import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A run's tags: the user's own can be added, edited in place (double-click the value) and deleted; MLflow's
 * system tags ({@code mlflow.*}) are read-only and hidden unless asked for.
 */
final class RunTagsPane extends VBox {

    private final RunViewModel model;
    private final TableView<Map.Entry<String, String>> table = new TableView<>();
    private final CheckBox showSystem = new CheckBox("Show system tags (mlflow.*)");
    private final TextField newKey = new TextField();
    private final TextField newValue = new TextField();

    RunTagsPane(RunViewModel model) {
        super(8);
        this.model = model;
        table.setId("run-tags");
        table.setEditable(true);
        table.setPrefHeight(200);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No tags. Add one below, or log them with mlflow.set_tag(key, value)."));
        table.getColumns().add(keyColumn());
        table.getColumns().add(valueColumn());
        table.getColumns().add(deleteColumn());
        showSystem.setId("run-tags-system");
        showSystem.selectedProperty().addListener((o, was, shown) -> refresh());
        model.run().addListener((o, old, run) -> refresh());
        getChildren().addAll(showSystem, table, addRow());
    }

    private void refresh() {
        if (model.run().get() == null) {
            return;
        }
        FilteredList<Map.Entry<String, String>> shown = new FilteredList<>(FXCollections.observableArrayList(
                new TreeMap<>(model.run().get().tags()).entrySet()));
        shown.setPredicate(tag -> showSystem.isSelected() || !RunViewModel.isSystemTag(tag.getKey()));
        table.setItems(shown);
    }

    private static TableColumn<Map.Entry<String, String>, String> keyColumn() {
        TableColumn<Map.Entry<String, String>, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getKey()));
        key.setPrefWidth(260);
        key.setEditable(false);
        return key;
    }

    private TableColumn<Map.Entry<String, String>, String> valueColumn() {
        TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>("Value (double-click to edit)");
        value.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getValue()));
        value.setCellFactory(column -> new TextFieldTableCell<>(new javafx.util.converter.DefaultStringConverter()) {
            @Override
            public void startEdit() {
                Map.Entry<String, String> tag = getTableRow() == null ? null : getTableRow().getItem();
                if (tag != null && !RunViewModel.isSystemTag(tag.getKey())) {
                    super.startEdit();
                }
            }

            /** One line per tag: a multi-line value (the description tag) shows its first line. */
            @Override
            public void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty && item != null && !isEditing() && item.contains("\n")) {
                    setText(item.lines().findFirst().orElse("") + " \u2026");
                }
            }
        });
        value.setOnEditCommit(edit -> model.setTag(edit.getRowValue().getKey(), edit.getNewValue()));
        value.setPrefWidth(420);
        return value;
    }

    private TableColumn<Map.Entry<String, String>, Void> deleteColumn() {
        TableColumn<Map.Entry<String, String>, Void> delete = new TableColumn<>("");
        delete.setPrefWidth(44);
        delete.setMaxWidth(44);
        delete.setSortable(false);
        delete.setCellFactory(column -> new TableCell<>() {
            private final Button button = new Button("\u2715");

            {
                button.getStyleClass().addAll("flat", "small");
                button.setOnAction(event -> model.deleteTag(getTableRow().getItem().getKey()));
            }

            @Override
            protected void updateItem(Void item, boolean empty) {
                super.updateItem(item, empty);
                Map.Entry<String, String> tag = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean deletable = tag != null && !RunViewModel.isSystemTag(tag.getKey());
                if (deletable) {
                    button.setId("run-tag-delete-" + tag.getKey());
                }
                setGraphic(deletable ? button : null);
            }
        });
        return delete;
    }

    private HBox addRow() {
        newKey.setId("run-tag-new-key");
        newKey.setPromptText("key");
        newValue.setId("run-tag-new-value");
        newValue.setPromptText("value");
        HBox.setHgrow(newValue, Priority.ALWAYS);
        Button add = new Button("Add tag");
        add.setId("run-tag-add");
        add.disableProperty().bind(newKey.textProperty().isEmpty());
        add.setOnAction(event -> {
            if (model.setTag(newKey.getText().strip(), newValue.getText())) {
                newKey.clear();
                newValue.clear();
            }
        });
        newValue.setOnAction(event -> add.fire());
        HBox row = new HBox(8, newKey, newValue, add);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
