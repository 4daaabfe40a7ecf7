package dev.cairn.app.shell;

import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The bottom bar: the latest notification, every running background task with its progress and
 * a cancel button, and the data directory in use.
 */
public final class StatusBar extends HBox {

    private static final int MAX_TASKS_SHOWN = 3;
    private static final Duration INFO_LIFETIME = Duration.seconds(8);

    private final HBox tasks = new HBox(12);
    private final Label moreTasks = new Label();
    private final PauseTransition infoTimeout = new PauseTransition(INFO_LIFETIME);

    public StatusBar(Notifier notifier, ObservableList<Task<?>> running, Path home) {
        super(12);
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("status-message");
        message.setMinWidth(0);
        Button dismiss = new Button("✕");
        dismiss.getStyleClass().addAll("flat", "small");
        dismiss.setTooltip(new Tooltip("Dismiss"));
        dismiss.setOnAction(event -> notifier.dismiss());
        dismiss.visibleProperty().bind(notifier.current().isNotNull());
        dismiss.managedProperty().bind(dismiss.visibleProperty());
        infoTimeout.setOnFinished(event -> notifier.dismiss());
        notifier.current().addListener((observable, old, notification) -> show(message, notification));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        tasks.setId("status-tasks");
        tasks.setAlignment(Pos.CENTER_RIGHT);
        moreTasks.getStyleClass().add("text-muted");
        running.addListener((ListChangeListener<Task<?>>) change -> showTasks(running));

        Label workspace = new Label(home.toString());
        workspace.setId("status-workspace");
        workspace.getStyleClass().add("text-muted");
        workspace.setTooltip(new Tooltip("Data directory"));
        getChildren().addAll(message, dismiss, spacer, tasks, workspace);
    }

    /** Adds a feature's indicator (such as the API server switch) before the data directory. */
    public void addIndicator(javafx.scene.Node indicator) {
        getChildren().add(getChildren().size() - 1, indicator);
    }

    private void show(Label message, Notifier.Notification notification) {
        message.getStyleClass().removeAll("warning", "info");
        infoTimeout.stop();
        if (notification == null) {
            message.setText("");
            return;
        }
        message.setText(notification.text());
        message.setTooltip(new Tooltip(notification.text()));
        boolean warning = notification.severity() == Notifier.Severity.WARNING;
        message.getStyleClass().add(warning ? "warning" : "info");
        if (!warning) {
            infoTimeout.playFromStart();
        }
    }

    private void showTasks(List<Task<?>> running) {
        tasks.getChildren().clear();
        running.stream().limit(MAX_TASKS_SHOWN).forEach(worker -> tasks.getChildren().add(taskChip(worker)));
        if (running.size() > MAX_TASKS_SHOWN) {
            moreTasks.setText("and " + (running.size() - MAX_TASKS_SHOWN) + " more");
            tasks.getChildren().add(moreTasks);
        }
    }

    private static HBox taskChip(Task<?> worker) {
        Label title = new Label();
        title.textProperty().bind(worker.titleProperty());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(110);
        progress.progressProperty().bind(worker.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().addAll("flat", "small", "cancel-task");
        // Same cooperative cancel as TaskHandle: no interrupt into database or native I/O.
        cancel.setOnAction(event -> worker.cancel(false));
        HBox chip = new HBox(6, title, progress, cancel);
        chip.getStyleClass().add("task-chip");
        chip.setAlignment(Pos.CENTER_LEFT);
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.concat(worker.titleProperty(), "\n", worker.messageProperty()));
        Tooltip.install(chip, tooltip);
        return chip;
    }
}
