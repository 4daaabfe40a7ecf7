package dev.cairn.app.drift;

import dev.cairn.app.drift.monitoring.MonitoringPane;
import java.util.function.Supplier;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The Drift section: comparing two datasets, and monitoring a model server's predictions over time. The monitoring
 * pane is made (and reads its sources) the first time its tab is opened.
 */
public final class DriftSection extends TabPane {

    public DriftSection(DriftView compare, Supplier<MonitoringPane> monitoring) {
        setId("view-drift");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        Tab datasets = new Tab("Compare datasets", compare);
        datasets.setId("drift-tab-compare");
        Tab predictions = new Tab("Monitor predictions");
        predictions.setId("drift-tab-monitor");
        predictions.setOnSelectionChanged(event -> {
            if (predictions.isSelected() && predictions.getContent() == null) {
                MonitoringPane pane = monitoring.get();
                predictions.setContent(pane);
                pane.load();
            }
        });
        getTabs().setAll(datasets, predictions);
    }
}
