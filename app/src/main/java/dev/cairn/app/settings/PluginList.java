package dev.cairn.app.settings;

import dev.cairn.core.plugins.LoadedPlugin;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The plugin jars Cairn found at start-up, one card each: name and version, the jar's file, what it provides, and in
 * red why it (or one of its services) is not in use.
 */
final class PluginList extends VBox {

    PluginList(List<LoadedPlugin> plugins) {
        super(8);
        setId("plugin-list");
        if (plugins.isEmpty()) {
            Label none = new Label("No plugins. Put plugin jars in the plugins folder and start Cairn again.");
            none.setId("plugins-none");
            none.getStyleClass().add("text-muted");
            getChildren().add(none);
            return;
        }
        plugins.forEach(plugin -> getChildren().add(card(plugin)));
    }

    private static VBox card(LoadedPlugin plugin) {
        Label title = new Label(plugin.title());
        title.getStyleClass().add("text-bold");
        Label file = new Label(plugin.file() + (plugin.loaded() ? "" : " \u2014 not loaded"));
        file.getStyleClass().addAll("text-small", "text-muted");
        VBox card = new VBox(2, title, file);
        card.setId("plugin-" + plugin.file());
        card.getStyleClass().add("plugin-card");
        if (!plugin.problems().isEmpty()) {
            card.getStyleClass().add("has-problem");
        }
        for (String service : plugin.provides()) {
            card.getChildren().add(new Label("\u2022 " + service));
        }
        for (String problem : plugin.problems()) {
            Label error = new Label("\u26a0 " + problem);
            error.getStyleClass().addAll("danger", "plugin-problem");
            error.setWrapText(true);
            card.getChildren().add(error);
        }
        return card;
    }
}
