package dev.cairn.app.tracking;

import dev.cairn.app.markdown.MarkdownView;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Shows one {@link ArtifactPreview}: text, rendered markdown, a CSV table, an image scaled to fit, or a sentence. */
public final class ArtifactPreviewPane extends StackPane {

    public ArtifactPreviewPane() {
        setId("artifact-preview");
        getStyleClass().add("artifact-preview");
        setMinSize(0, 0);
        setPadding(new Insets(0, 0, 0, 10)); // clear of the split pane's divider
        show(null, false);
    }

    /** Replaces what is shown; {@code loading} shows a spinner while a preview is read. */
    public void show(ArtifactPreview preview, boolean loading) {
        Node node;
        if (preview == null) {
            node = loading ? new ProgressIndicator() : message("Choose a file in the tree to preview it.");
        } else if (preview instanceof ArtifactPreview.Text text) {
            node = text(text.text());
        } else if (preview instanceof ArtifactPreview.Markdown markdown) {
            node = markdown(markdown.text());
        } else if (preview instanceof ArtifactPreview.Table table) {
            node = table(table);
        } else if (preview instanceof ArtifactPreview.Picture picture) {
            node = picture(picture);
        } else {
            node = message(((ArtifactPreview.Message) preview).text());
        }
        getChildren().setAll(node);
    }

    private static Node text(String text) {
        TextArea area = new TextArea(text);
        area.setId("artifact-text");
        area.setEditable(false);
        area.getStyleClass().add("artifact-text");
        return area;
    }

    private static Node markdown(String text) {
        MarkdownView view = new MarkdownView();
        view.setId("artifact-markdown");
        view.setMarkdown(text);
        view.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Node table(ArtifactPreview.Table preview) {
        TableView<List<String>> table = new TableView<>(FXCollections.observableArrayList(preview.rows()));
        table.setId("artifact-table");
        for (int i = 0; i < preview.header().size(); i++) {
            int column = i;
            TableColumn<List<String>, String> col = new TableColumn<>(preview.header().get(i));
            col.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().get(column)));
            col.setPrefWidth(columnWidth(preview, column));
            table.getColumns().add(col);
        }
        Label count = new Label(preview.rows().size() == preview.totalRows()
                ? String.format(Locale.ROOT, "%,d rows", preview.totalRows())
                : String.format(Locale.ROOT, "First %,d of %,d rows shown", preview.rows().size(), preview.totalRows()));
        count.setId("artifact-table-count");
        count.getStyleClass().add("text-muted");
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(6, count, table);
    }

    /** Wide enough for the header and the longest of the first cells, within bounds: a rough guess by characters. */
    private static double columnWidth(ArtifactPreview.Table preview, int column) {
        int chars = preview.header().get(column).length();
        for (List<String> row : preview.rows().subList(0, Math.min(50, preview.rows().size()))) {
            chars = Math.max(chars, row.get(column).length());
        }
        return Math.max(70, Math.min(320, chars * 8.5 + 28));
    }

    /** Scaled down to fit the pane, never up: a small plot stays sharp. */
    private Node picture(ArtifactPreview.Picture picture) {
        ImageView view = new ImageView(picture.image());
        view.setId("artifact-image");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.fitWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(1, Math.min(picture.image().getWidth(), getWidth() - 16)), widthProperty()));
        view.fitHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(1, Math.min(picture.image().getHeight(), getHeight() - 16)), heightProperty()));
        StackPane box = new StackPane(view);
        box.setAlignment(Pos.CENTER);
        box.setMinSize(0, 0);
        return box;
    }

    private static Node message(String text) {
        Label label = new Label(text);
        label.setId("artifact-message");
        label.setWrapText(true);
        label.getStyleClass().add("text-muted");
        label.setPadding(new Insets(16));
        StackPane.setAlignment(label, Pos.TOP_LEFT);
        return label;
    }
}
