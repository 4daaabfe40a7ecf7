package dev.cairn.app.tracking;

import javafx.scene.control.TreeItem;

/** A file or folder in the artifacts tree; a folder lists its entries in the background when first expanded. */
final class ArtifactTreeItem extends TreeItem<ArtifactsViewModel.Entry> {

    private final ArtifactsViewModel model;
    private boolean requested;

    ArtifactTreeItem(ArtifactsViewModel.Entry entry, ArtifactsViewModel model) {
        super(entry);
        this.model = model;
        expandedProperty().addListener((o, was, expanded) -> {
            if (expanded && !requested) {
                requested = true;
                model.listFolder(entry.path(), entries -> getChildren().setAll(
                        entries.stream().map(child -> new ArtifactTreeItem(child, this.model)).toList()));
            }
        });
    }

    /** Folders show an expand arrow before their entries are known. */
    @Override
    public boolean isLeaf() {
        return !getValue().folder();
    }
}
