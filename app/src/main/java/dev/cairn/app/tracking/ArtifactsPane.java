package dev.cairn.app.tracking;

import dev.cairn.app.format.ByteSize;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** The run page's artifacts tab: a lazily listed tree with sizes, a preview of the chosen file, Open and Download. */
public final class ArtifactsPane extends VBox {

    private final ArtifactsViewModel model;
    private final TreeView<ArtifactsViewModel.Entry> tree = new TreeView<>(new TreeItem<>());
    private final ArtifactPreviewPane preview = new ArtifactPreviewPane();
    private Function<ArtifactsViewModel.Entry, Path> downloadTarget = this::askWhereToSave;

    public ArtifactsPane(ArtifactsViewModel model) {
        super(8);
        this.model = model;
        setId("run-artifacts");
        setPadding(new Insets(10, 0, 0, 0));
        tree.setId("artifact-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new EntryCell());
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, item) ->
                model.selected().set(item == null ? null : item.getValue()));
        model.top().addListener((ListChangeListener<ArtifactsViewModel.Entry>) change -> tree.getRoot().getChildren()
                .setAll(model.top().stream().map(entry -> new ArtifactTreeItem(entry, model)).toList()));
        model.preview().addListener((o, old, shown) -> preview.show(shown, model.previewing().get()));
        model.previewing().addListener((o, was, busy) -> preview.show(model.preview().get(), busy));

        SplitPane split = new SplitPane(tree, preview);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(tree, false);
        Label empty = new Label();
        empty.setId("artifacts-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        empty.textProperty().bind(model.emptyMessage());
        empty.visibleProperty().bind(model.emptyMessage().isNotNull());
        split.visibleProperty().bind(model.emptyMessage().isNull());
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        StackPane body = new StackPane(split, empty);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(toolbar(), body);
    }

    private HBox toolbar() {
        Button open = new Button("Open");
        open.setId("artifact-open");
        open.setOnAction(event -> model.openSelected());
        Button download = new Button("Download\u2026");
        download.setId("artifact-download");
        download.setOnAction(event -> download());
        open.disableProperty().bind(model.selected().isNull().or(model.copying()));
        download.disableProperty().bind(open.disableProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("artifact-refresh");
        refresh.setOnAction(event -> model.refresh());
        refresh.disableProperty().bind(model.listing());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.listing().or(model.copying()));
        Label hint = new Label("Open shows a copy in the system's app; Download saves the file or the whole folder.");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, open, download, refresh, busy, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        // Nothing to open or download: the empty state's sentence says what to do instead; Refresh stays.
        for (Node fileAction : List.of(open, download, hint)) {
            fileAction.visibleProperty().bind(Bindings.isNull(model.emptyMessage()));
            fileAction.managedProperty().bind(fileAction.visibleProperty());
        }
        return bar;
    }

    private void download() {
        ArtifactsViewModel.Entry entry = model.selected().get();
        Path target = entry == null ? null : downloadTarget.apply(entry);
        if (target != null) {
            model.download(entry, target);
        }
    }

    /** A save dialog for a file; for a folder, a folder to put it in (the folder keeps its name there). */
    private Path askWhereToSave(ArtifactsViewModel.Entry entry) {
        if (entry.folder()) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Download " + entry.name() + " into");
            File into = chooser.showDialog(getScene().getWindow());
            return into == null ? null : into.toPath().resolve(entry.name());
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Download " + entry.name());
        chooser.setInitialFileName(entry.name());
        File file = chooser.showSaveDialog(getScene().getWindow());
        return file == null ? null : file.toPath();
    }

    /** Replaces the save dialogs, for tests that cannot drive the platform's own. */
    void setDownloadTarget(Function<ArtifactsViewModel.Entry, Path> chooser) {
        this.downloadTarget = chooser;
    }

    /** A name with its size, muted, after it. */
    private static final class EntryCell extends TreeCell<ArtifactsViewModel.Entry> {
        private final Label size = new Label();

        EntryCell() {
            size.getStyleClass().addAll("text-small", "text-muted");
            setContentDisplay(ContentDisplay.RIGHT);
            setGraphicTextGap(10);
        }

        @Override
        protected void updateItem(ArtifactsViewModel.Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(entry.folder() ? entry.name() + "/" : entry.name());
            size.setText(entry.size() == null ? "" : ByteSize.format(entry.size()));
            setGraphic(size);
        }
    }
}
