package dev.cairn.app.dashboard;

import dev.cairn.app.shell.Section;
import dev.cairn.charts.MetricChart;
import dev.cairn.charts.Tiles;
import dev.cairn.core.dashboard.WorkspaceOverview;
import eu.hansolo.tilesfx.Tile;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;

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

/**
 * The landing section: tiles over everything in the workspace (runs this week, each experiment's best, models by
 * stage, deployments and their health, the latest drift verdicts, the latest benchmark of each model), each opening
 * the section behind it; then the workspace's facts and how to get started. Follows changes while shown.
 */
public final class DashboardView extends ScrollPane {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE", Locale.ROOT);

    private final DashboardViewModel model;
    private final Tile runs = Tiles.bars("Runs this week");
    private final Tile best = Tiles.list("Best of each experiment");
    private final Tile stages = Tiles.donut("Model versions by stage");
    private final Tile deployments = Tiles.list("Deployments");
    private final Tile drift = Tiles.list("Latest drift checks");
    private final Tile benchmarks = Tiles.list("Latest benchmark of each model");

    /** @param open shows a section, for the tiles' clicks */
    public DashboardView(DashboardViewModel model, Consumer<Section> open) {
        this.model = model;
        setId("view-dashboard");
        setFitToWidth(true);
        VBox content = new VBox(16);
        content.getStyleClass().add("section-view");
        setContent(content);

        Label title = new Label("Dashboard");
        title.getStyleClass().add("title-2");
        Button refresh = new Button("Refresh");
        refresh.setId("dashboard-refresh");
        refresh.setTooltip(new Tooltip("Read the workspace's figures again"));
        refresh.disableProperty().bind(model.busyProperty());
        refresh.setOnAction(event -> model.refresh());
        refresh.setMinWidth(Region.USE_PREF_SIZE);
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
                Ctrl+1 to Ctrl+7 switch sections; Ctrl+Q quits. 'cairn demo --home DIR' makes a workspace full of examples.""");
        start.setWrapText(true);

        FlowPane tiles = new FlowPane(12, 12);
        tiles.setId("dashboard-tiles");
        link(runs, "dashboard-tile-runs", Section.EXPERIMENTS, open);
        link(best, "dashboard-tile-best", Section.EXPERIMENTS, open);
        link(stages, "dashboard-tile-models", Section.MODELS, open);
        link(deployments, "dashboard-tile-deployments", Section.DEPLOYMENTS, open);
        link(drift, "dashboard-tile-drift", Section.DRIFT, open);
        link(benchmarks, "dashboard-tile-benchmarks", Section.BENCHMARKS, open);
        tiles.getChildren().addAll(runs, best, stages, deployments, drift, benchmarks);
        model.overview().addListener((obs, old, overview) -> show(overview));

        content.getChildren().addAll(header, tiles, facts, version, startTitle, start);
        sceneProperty().addListener((obs, old, scene) -> model.follow(scene != null));
    }

    /** For tests: the overview shown, and a tile's text line. */
    public WorkspaceOverview overview() {
        return model.overview().get();
    }

    String tileText(String id) {
        return ((Tile) lookup("#" + id)).getText();
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }

    private static void link(Tile tile, String id, Section section, Consumer<Section> open) {
        tile.setId(id);
        tile.setCursor(Cursor.HAND);
        Tooltip.install(tile, new Tooltip("Open " + section.title()));
        tile.setOnMouseClicked(event -> open.accept(section));
    }

    private void show(WorkspaceOverview overview) {
        if (overview == null) {
            return;
        }
        LocalDate today = LocalDate.now();
        List<String> days = new ArrayList<>();
        double[] counts = new double[7];
        for (int i = 0; i < 7; i++) {
            days.add(DAY.format(today.minusDays(6 - i)));
            counts[i] = overview.runsPerDay()[i];
        }
        Tiles.showBars(runs, days, counts, overview.runsThisWeek() + " runs in 7 days");
        Tiles.showList(best, overview.experiments().stream().map(e -> new Tiles.Line(Tiles.Mark.NEUTRAL,
                e.experiment() + " \u00b7 " + e.metric(), (e.lowerIsBetter() ? "min " : "max ")
                        + MetricChart.number(e.best()))).toList(),
                "No runs yet. Point MLFLOW_TRACKING_URI at the MLflow API (status bar) and train.");
        Tiles.showDonut(stages, overview.versionsByStage(), plural(overview.models(), "model") + ", "
                + plural(overview.aliases(), "alias"));
        Map<Long, DeploymentProbe.Health> health = model.health().get();
        Tiles.showList(deployments, overview.deployments().stream().map(d -> {
            DeploymentProbe.Health answer = health.get(d.id());
            boolean up = answer != null && answer.ready();
            String detail = !d.status().equals("RUNNING") ? d.status().toLowerCase(Locale.ROOT)
                    : up ? String.format(Locale.ROOT, "up, %.0f ms", answer.millis()) : "not answering";
            return new Tiles.Line(up ? Tiles.Mark.GOOD : d.status().equals("RUNNING") ? Tiles.Mark.BAD
                    : Tiles.Mark.NEUTRAL, d.model() + " v" + d.version() + " on " + d.host(), detail);
        }).toList(), "Nothing deployed. Deploy a version from its page in Models (Deploy...) or with: cairn deploy NAME:VERSION");
        Tiles.showList(drift, overview.drift().stream().map(d -> new Tiles.Line(d.datasetDrift() ? Tiles.Mark.BAD
                : Tiles.Mark.GOOD, d.current() + " vs " + d.reference(), d.drifted() + "/" + d.columns()
                        + (d.datasetDrift() ? " drift" : " ok"))).toList(),
                "No drift checks yet. Drop two CSV files on the window.");
        Tiles.showList(benchmarks, overview.benchmarks().stream().map(b -> new Tiles.Line(Tiles.Mark.NEUTRAL,
                b.model() + (b.version() == null ? "" : " v" + b.version()), String.format(Locale.ROOT,
                        "P99 %.3f ms \u00b7 %,.0f/s", b.p99Millis(), b.inferencesPerSecond())))
                .toList(), "No benchmarks yet. Open a model version's Benchmark tab, or run cairn bench.");
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
