package dev.cairn.app.dashboard;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The landing section: the open workspace's facts and how to get started. */
public final class DashboardView extends VBox {

    public DashboardView(DashboardViewModel model) {
        super(16);
        setId("view-dashboard");
        getStyleClass().add("section-view");

        Label title = new Label("Dashboard");
        title.getStyleClass().add("title-2");
        Button refresh = new Button("Refresh");
        refresh.setId("dashboard-refresh");
        refresh.setTooltip(new Tooltip("Read the workspace's figures again"));
        refresh.disableProperty().bind(model.busyProperty());
        refresh.setOnAction(event -> model.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, spacer, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        GridPane facts = new GridPane();
        facts.setId("dashboard-facts");
        facts.getStyleClass().add("facts");
        facts.setHgap(24);
        facts.setVgap(8);
        addFact(facts, 0, "Data directory", model.dataDirectoryProperty());
        addFact(facts, 1, "Database", model.databaseProperty());
        addFact(facts, 2, "Schema version", model.schemaProperty());
        addFact(facts, 3, "Created", model.createdProperty());
        addFact(facts, 4, "Artifacts", model.artifactsProperty());
        Label version = new Label(model.version());
        version.getStyleClass().addAll("text-small", "text-muted");

        Label startTitle = new Label("Getting started");
        startTitle.getStyleClass().add("title-4");
        Label start = new Label("""
                Drop a file anywhere on this window and Cairn routes it to the section that takes it.
                Every action here has a headless twin on the command line: run 'cairn --help' to list them.
                Ctrl+1 to Ctrl+7 switch sections; Ctrl+Q quits.""");
        start.setWrapText(true);

        getChildren().addAll(header, facts, version, startTitle, start);
        model.refresh();
    }

    private static void addFact(GridPane grid, int row, String name, ObservableValue<String> value) {
        Label label = new Label(name);
        label.getStyleClass().add("text-muted");
        Label text = new Label();
        text.textProperty().bind(value);
        text.setId("fact-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        grid.addRow(row, label, text);
    }
}
