package dev.cairn.app.registry;

import dev.cairn.core.onnx.ModelReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Netron's properties panel for a model file: header, opsets, metadata, inputs and outputs, operators, weights. */
final class InspectorPane extends ScrollPane {

    private final VBox content = new VBox(12);

    InspectorPane(ObservableValue<ModelReport> report) {
        setId("inspector");
        setFitToWidth(true);
        content.setPadding(new Insets(10));
        setContent(content);
        report.addListener((obs, old, shown) -> show(shown));
        show(report.getValue());
    }

    private void show(ModelReport r) {
        if (r == null) {
            ProgressIndicator loading = new ProgressIndicator();
            loading.setMaxSize(32, 32);
            content.getChildren().setAll(loading);
            return;
        }
        GridPane header = new GridPane();
        header.setId("inspector-header");
        header.setHgap(12);
        header.setVgap(4);
        int row = 0;
        row = fact(header, row, "Size", String.format(Locale.ROOT, "%,d bytes", r.sizeBytes()));
        row = fact(header, row, "IR version", Long.toString(r.irVersion()));
        row = fact(header, row, "Producer", (r.producerName() + " " + r.producerVersion()).trim());
        row = fact(header, row, "Domain", r.domain());
        row = fact(header, row, "Model version", r.modelVersion() == 0 ? "" : Long.toString(r.modelVersion()));
        row = fact(header, row, "Graph", r.graphName());
        row = fact(header, row, "Description", r.docString());
        StringBuilder opsets = new StringBuilder();
        r.opsets().forEach((domain, version) -> opsets.append(opsets.length() == 0 ? "" : ", ").append(domain)
                .append(' ').append(version));
        row = fact(header, row, "Opsets", opsets.toString());
        row = fact(header, row, "Nodes", String.format(Locale.ROOT, "%,d (%d subgraphs, %d functions)", r.nodeCount(),
                r.subgraphCount(), r.functionCount()));
        row = fact(header, row, "Weights", String.format(Locale.ROOT,
                "%,d initializers, %,d bytes, %,d parameters; %,d Constant tensors, %,d elements", r.initializerCount(),
                r.initializerBytes(), r.parameterCount(), r.constantTensorCount(), r.constantElements()));
        for (ModelReport.ExternalData external : r.externalData()) {
            row = fact(header, row, "External data", external.tensorName() + " in " + external.location());
        }
        for (Map.Entry<String, String> entry : r.metadata().entrySet()) {
            String value = entry.getValue().length() > 400 ? entry.getValue().substring(0, 400) + "\u2026 ("
                    + entry.getValue().length() + " characters)" : entry.getValue();
            row = fact(header, row, entry.getKey(), value);
        }
        content.getChildren().setAll(header, heading("Inputs"), values(r.inputs(), "inspector-inputs"),
                heading("Outputs"), values(r.outputs(), "inspector-outputs"), heading("Operators"), histogram(r));
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-4");
        return label;
    }

    private static TableView<ModelReport.ValueReport> values(List<ModelReport.ValueReport> values, String id) {
        TableView<ModelReport.ValueReport> table = new TableView<>();
        table.setId(id);
        table.getItems().setAll(values);
        table.getColumns().addAll(List.of(
                ModelPage.column("Name", ModelReport.ValueReport::name, 180),
                ModelPage.column("Type", ModelReport.ValueReport::type, 220),
                ModelPage.column("Shape", v -> v.shape() == null ? "" : "[" + String.join(", ", v.shape()) + "]", 240)));
        table.setFixedCellSize(28);
        table.setPrefHeight(48 + 28 * Math.max(1, Math.min(values.size(), 8)));
        table.setMinHeight(Region.USE_PREF_SIZE);
        return table;
    }

    /** One bar per op type, longest first: which operators the model is made of. */
    private static VBox histogram(ModelReport r) {
        VBox bars = new VBox(3);
        bars.setId("inspector-ops");
        int max = r.opHistogram().values().stream().mapToInt(Integer::intValue).max().orElse(1);
        r.opHistogram().forEach((op, count) -> {
            Label name = new Label(op);
            name.setMinWidth(180);
            Region bar = new Region();
            bar.getStyleClass().add("op-bar");
            bar.setPrefWidth(Math.max(2, 300.0 * count / max));
            bar.setMinHeight(12);
            bar.setMaxHeight(12);
            Label number = new Label(Integer.toString(count));
            HBox line = new HBox(8, name, bar, number);
            line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            HBox.setHgrow(bar, Priority.NEVER);
            bars.getChildren().add(line);
        });
        return bars;
    }

    private static int fact(GridPane grid, int row, String label, String value) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label name = new Label(label);
        name.getStyleClass().add("text-muted");
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(value);
        text.setWrapText(true);
        grid.addRow(row, name, text);
        return row + 1;
    }
}
