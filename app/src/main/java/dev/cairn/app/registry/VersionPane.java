package dev.cairn.app.registry;

import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.Provenance;
import dev.cairn.core.registry.Stage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The selected version: its overview (provenance, stage, aliases), the inspector and the playground. */
final class VersionPane extends TabPane {

    private final ModelsViewModel model;
    private final GridPane facts = new GridPane();
    private final ComboBox<Stage> stage = new ComboBox<>();
    private final CheckBox archiveExisting = new CheckBox("Archive other versions in that stage");
    private final FlowPane aliases = new FlowPane(6, 6);
    private final TextField newAlias = new TextField();
    private final StackPane playgroundHolder = new StackPane();
    private final Function<Path, PlaygroundPane> playgrounds;
    private Path playgroundFile;
    private final StackPane benchmarkHolder = new StackPane();
    private final Function<ModelVersion, Node> benchmarks;
    // Kept per version, so a benchmark still running (or its result) is there again on coming back to it.
    private final Map<String, Node> benchmarkPanes = new HashMap<>();

    VersionPane(ModelsViewModel model, Function<Path, PlaygroundPane> playgrounds,
            Function<ModelVersion, Node> benchmarks) {
        this.model = model;
        this.playgrounds = playgrounds;
        this.benchmarks = benchmarks;
        setId("version-pane");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        Tab overview = new Tab("Overview", overview());
        overview.setId("tab-overview");
        Tab inspector = new Tab("Inspector", new InspectorPane(model.report()));
        inspector.setId("tab-inspector");
        Tab playground = new Tab("Playground", playgroundHolder);
        playground.setId("tab-playground");
        // Scrolled, so the form, chart and figures never squeeze the versions table above to nothing.
        ScrollPane benchmarkScroll = new ScrollPane(benchmarkHolder);
        benchmarkScroll.setFitToWidth(true);
        benchmarkScroll.setFitToHeight(true);
        Tab benchmark = new Tab("Benchmark", benchmarkScroll);
        benchmark.setId("tab-benchmark");
        getTabs().setAll(overview, inspector, playground, benchmark);
        getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab == playground) {
                showPlayground(model.version().get());
            } else if (tab == benchmark) {
                showBenchmark(model.version().get());
            }
        });
        model.version().addListener((obs, old, shown) -> {
            show(shown);
            if (getSelectionModel().getSelectedItem() == playground) {
                showPlayground(shown);
            } else if (getSelectionModel().getSelectedItem() == benchmark) {
                showBenchmark(shown);
            }
        });
    }

    private ScrollPane overview() {
        facts.setId("version-facts");
        facts.setHgap(12);
        facts.setVgap(4);
        stage.setId("version-stage");
        stage.getItems().setAll(Stage.values());
        stage.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Stage value) {
                return value == null ? "" : value.label();
            }

            @Override
            public Stage fromString(String text) {
                return Stage.parse(text);
            }
        });
        Button apply = new Button("Move to stage");
        apply.setId("apply-stage");
        apply.setOnAction(event -> {
            ModelVersion shown = model.version().get();
            if (shown != null && stage.getValue() != null && stage.getValue() != shown.stage()) {
                model.transition(shown, stage.getValue(), archiveExisting.isSelected());
            }
        });
        newAlias.setId("new-alias");
        newAlias.setPromptText("alias, e.g. champion");
        Button addAlias = new Button("Set alias");
        addAlias.setId("set-alias");
        Runnable setAlias = () -> {
            ModelVersion shown = model.version().get();
            if (shown != null && !newAlias.getText().isBlank()) {
                model.setAlias(shown, newAlias.getText());
                newAlias.clear();
            }
        };
        addAlias.setOnAction(event -> setAlias.run());
        newAlias.setOnAction(event -> setAlias.run());
        Button deploy = new Button("Deploy\u2026");
        deploy.setId("version-deploy");
        deploy.setTooltip(new javafx.scene.control.Tooltip("Build this version's image on a Docker host, run it and "
                + "wait until it answers (Deployments section)"));
        deploy.setOnAction(event -> {
            ModelVersion shown = model.version().get();
            if (shown != null) {
                model.deploy(shown);
            }
        });
        Button delete = new Button("Delete version");
        delete.getStyleClass().add("danger");
        delete.setOnAction(event -> {
            ModelVersion shown = model.version().get();
            if (shown != null) {
                javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.CONFIRMATION, "Delete version " + shown.version() + " of "
                        + shown.name() + "? Its number is not given again; the stored file stays.",
                        javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
                confirm.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK)
                        .ifPresent(b -> model.deleteVersion(shown));
            }
        });
        VBox box = new VBox(10, facts,
                ModelsView.row(new Label("Stage"), stage, archiveExisting, apply),
                ModelsView.row(new Label("Aliases"), aliases),
                ModelsView.row(newAlias, addAlias),
                ModelsView.row(deploy, delete));
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void show(ModelVersion shown) {
        facts.getChildren().clear();
        aliases.getChildren().clear();
        if (shown == null) {
            return;
        }
        int row = 0;
        fact(row++, "Version", shown.name() + " v" + shown.version());
        fact(row++, "Registered", ModelPage.WHEN.format(Instant.ofEpochMilli(shown.creationTime())) + " by "
                + shown.userId());
        fact(row++, "Status", shown.status());
        fact(row++, "Source", shown.source());
        if (shown.runId() != null) {
            fact(row++, "Source run", shown.runId());
        }
        if (shown.description() != null) {
            fact(row++, "Description", shown.description());
        }
        Provenance p = shown.provenance();
        if (p != null) {
            fact(row++, "File", p.fileName() + String.format(Locale.ROOT, " (%,d bytes)", p.sizeBytes()));
            fact(row++, "SHA-256", p.sha256());
            fact(row++, "Producer", (p.producerName() + " " + p.producerVersion()).trim());
            fact(row++, "IR version", Long.toString(p.irVersion()));
            StringBuilder opsets = new StringBuilder();
            for (Map.Entry<String, Long> opset : p.opsets().entrySet()) {
                opsets.append(opsets.length() == 0 ? "" : ", ").append(opset.getKey()).append(' ').append(opset.getValue());
            }
            fact(row++, "Opsets", opsets.toString());
        }
        for (Map.Entry<String, String> tag : shown.tags().entrySet()) {
            fact(row++, "Tag " + tag.getKey(), tag.getValue());
        }
        stage.setValue(shown.stage());
        for (String alias : shown.aliases()) {
            Button chip = new Button(alias + "  \u2715");
            chip.getStyleClass().addAll("small", "alias-chip");
            chip.setOnAction(event -> model.deleteAlias(shown, alias));
            chip.setTooltip(new javafx.scene.control.Tooltip("Remove alias " + alias));
            aliases.getChildren().add(chip);
        }
        if (shown.aliases().isEmpty()) {
            aliases.getChildren().add(new Label("none"));
        }
    }

    private void fact(int row, String label, String value) {
        Label name = new Label(label);
        name.getStyleClass().add("text-muted");
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label text = new Label(value);
        text.setWrapText(true);
        text.setId("fact-" + label.toLowerCase(Locale.ROOT).replace(' ', '-'));
        facts.addRow(row, name, text);
    }

    private void showBenchmark(ModelVersion shown) {
        if (shown == null || shown.provenance() == null) {
            benchmarkHolder.getChildren().setAll(new Label(shown == null ? "" : "This version was registered over "
                    + "MLflow's API; its files are not in Cairn's store, so it cannot be benchmarked here."));
            return;
        }
        Node pane = benchmarkPanes.computeIfAbsent(shown.name() + ":" + shown.version(), key -> benchmarks.apply(shown));
        benchmarkHolder.getChildren().setAll(pane);
    }

    private void showPlayground(ModelVersion shown) {
        if (shown == null || shown.provenance() == null) {
            playgroundFile = null;
            playgroundHolder.getChildren().setAll(new Label(shown == null ? "" : "This version was registered over "
                    + "MLflow's API; its files are not in Cairn's store, so it cannot run here."));
            return;
        }
        Path file = model.modelFile(shown);
        if (!file.equals(playgroundFile)) {
            playgroundFile = file;
            playgroundHolder.getChildren().setAll(playgrounds.apply(file));
        }
    }
}
