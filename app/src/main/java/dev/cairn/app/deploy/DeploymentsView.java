package dev.cairn.app.deploy;

import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.deploy.DeploymentStatus;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The Deployments section: a table of every deployment with its health checked every few seconds while the section
 * shows, the actions on the chosen one, and its container's log, followed live.
 */
public final class DeploymentsView extends VBox {

    /** How often the running deployments' health is asked while the section shows. */
    static final Duration HEALTH_EVERY = Duration.seconds(5);

    private final DeploymentsViewModel model;
    private final TableView<DeploymentRow> table = new TableView<>();

    private void askWhenShown(DeploymentsViewModel model) {
        DeploymentsViewModel.DeployAsk ask = model.deployAsked().get();
        if (ask == null || getScene() == null || model.busy().get()) {
            return;
        }
        model.deployAsked().set(null);
        javafx.application.Platform.runLater(() -> new DeployDialog(model.defaultBaseImage(), ask.name(),
                ask.version()).ask().ifPresent(request -> model.deploy(request.name(), request.version(),
                        request.host(), request.strategy(), request.baseImage())));
    }

    public DeploymentsView(DeploymentsViewModel model) {
        super(12);
        this.model = model;
        setId("view-deployments");
        getStyleClass().add("section-view");

        Label title = new Label("Deployments");
        title.getStyleClass().add("title-2");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = button("deployments-refresh", "Refresh", "Read the deployments and their health again",
                ignored -> model.refresh());
        Button deploy = button("deployments-deploy", "Deploy…", "Deploy a registered model version to a Docker host",
                ignored -> new DeployDialog(model.defaultBaseImage()).ask().ifPresent(request -> model.deploy(
                        request.name(), request.version(), request.host(), request.strategy(), request.baseImage())));
        deploy.disableProperty().bind(model.busy());
        Button export = button("deployments-export", "Export…", "Write a model version's build context with compose, "
                + "Swarm, Kubernetes and KServe files into a folder, to run it without Cairn",
                ignored -> new ExportDialog(model.defaultBaseImage()).ask().ifPresent(request -> model.export(
                        request.name(), request.version(), request.baseImage(), request.arch(), request.format(),
                        request.folder())));
        export.disableProperty().bind(model.busy());
        // Deploy... on a version's page lands here: open the dialog once this view is on screen.
        model.deployAsked().addListener((obs, old, ask) -> askWhenShown(model));
        sceneProperty().addListener((obs, old, scene) -> askWhenShown(model));
        ProgressBar progress = new ProgressBar();
        progress.setId("deployments-progress");
        progress.progressProperty().bind(model.deployProgress());
        progress.visibleProperty().bind(model.busy());
        HBox header = new HBox(8, title, spacer, progress, deploy, export, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        table.setId("deployments-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Label empty = new Label("Nothing deployed yet. Deploy… runs a registered model version on a Docker host "
                + "('cairn deploy NAME:VERSION'); Export… writes the files that run it elsewhere.");
        empty.setWrapText(true);
        empty.setPadding(new javafx.geometry.Insets(0, 24, 0, 24));
        table.setPlaceholder(empty);
        table.getColumns().add(column("#", 50, row -> Long.toString(row.deployment().id())));
        table.getColumns().add(column("Model", 160, DeploymentRow::model));
        table.getColumns().add(column("Version", 70, row -> Integer.toString(row.deployment().modelVersion())));
        table.getColumns().add(column("Host", 100, row -> row.deployment().host()));
        table.getColumns().add(column("URL", 200, row -> row.deployment().url() == null ? "" : row.deployment().url()));
        table.getColumns().add(column("Strategy", 90, row -> row.deployment().strategy().label()));
        table.getColumns().add(column("Status", 90, DeploymentRow::status));
        table.getColumns().add(column("Health", 90, DeploymentRow::health));

        HBox actions = new HBox(8,
                action("deployments-stop", "Stop", "Stop the container; its server drains first",
                        d -> d.status() == DeploymentStatus.RUNNING, model::stop),
                action("deployments-start", "Start", "Start the stopped container and wait until it is ready",
                        d -> d.status() == DeploymentStatus.STOPPED, model::start),
                action("deployments-redeploy", "Redeploy", "Deploy the same version again with its settings",
                        d -> true, model::redeploy),
                action("deployments-rollback", "Rollback", "Return the model on this host to the version before",
                        d -> d.status() == DeploymentStatus.RUNNING, model::rollback),
                action("deployments-remove", "Remove", "Remove the container; the record stays",
                        d -> d.status() != DeploymentStatus.REMOVED && d.status() != DeploymentStatus.FAILED,
                        model::remove));
        actions.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("deployments-error");
        error.getStyleClass().add("danger");
        error.textProperty().bind(model.error());
        error.setWrapText(true);

        ListView<String> log = new ListView<>(model.log());
        log.setId("deployments-log");
        log.getStyleClass().add("monospace");
        ToggleButton follow = new ToggleButton("Follow log");
        follow.setId("deployments-follow");
        follow.setTooltip(new Tooltip("Show the chosen deployment's container output as it comes"));
        follow.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        follow.selectedProperty().addListener((obs, was, on) -> followChosen(on));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> {
            if (follow.isSelected() && chosen != null && (old == null || old.deployment().id() != chosen.deployment().id())) {
                model.follow(chosen.deployment());
            }
        });
        model.log().addListener((ListChangeListener<String>) change -> log.scrollTo(model.log().size() - 1));
        VBox logPane = new VBox(6, follow, log);
        VBox.setVgrow(log, Priority.ALWAYS);

        SplitPane split = new SplitPane(table, logPane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header, actions, error, split);

        pollWhileShown();
        model.refresh();
    }

    private void followChosen(boolean on) {
        DeploymentRow chosen = table.getSelectionModel().getSelectedItem();
        if (on && chosen != null) {
            model.follow(chosen.deployment());
        } else {
            model.stopFollowing();
        }
    }

    /**
     * Health is asked only while the section is on screen: a hidden view costs no HTTP or Docker calls. A window
     * that closed or took another scene stops the polling too (its services may be closed by then).
     */
    private void pollWhileShown() {
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(HEALTH_EVERY, event -> {
            if (onScreen()) {
                model.refresh();
            } else {
                poll.stop();
                model.stopFollowing();
            }
        }));
        poll.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                poll.stop();
                model.stopFollowing();
            } else {
                poll.play();
            }
        });
    }

    private boolean onScreen() {
        Scene scene = getScene();
        Window window = scene == null ? null : scene.getWindow();
        return window != null && window.isShowing() && window.getScene() == scene;
    }

    private Button action(String id, String text, String tip, java.util.function.Predicate<Deployment> allowed,
                          Consumer<Deployment> run) {
        Button button = button(id, text, tip, ignored -> {
            DeploymentRow chosen = table.getSelectionModel().getSelectedItem();
            if (chosen != null) {
                run.accept(chosen.deployment());
            }
        });
        BooleanBinding disabled = Bindings.createBooleanBinding(() -> {
            DeploymentRow chosen = table.getSelectionModel().getSelectedItem();
            return model.busy().get() || chosen == null || !allowed.test(chosen.deployment());
        }, table.getSelectionModel().selectedItemProperty(), model.busy());
        button.disableProperty().bind(disabled);
        return button;
    }

    private static Button button(String id, String text, String tip, Consumer<Object> onAction) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(onAction::accept);
        return button;
    }

    private static TableColumn<DeploymentRow, String> column(String title, double width,
                                                             Function<DeploymentRow, String> value) {
        TableColumn<DeploymentRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
