package dev.cairn.app.gui;

import dev.cairn.app.AppServices;
import dev.cairn.app.bench.BenchmarkPane;
import dev.cairn.app.drift.CsvDropHandler;
import dev.cairn.app.drift.DriftSection;
import dev.cairn.app.drift.monitoring.MonitoringPane;
import dev.cairn.core.monitoring.PredictionMonitor;
import dev.cairn.app.drift.DriftView;
import dev.cairn.app.drift.DriftViewModel;
import dev.cairn.app.bench.BenchmarksView;
import dev.cairn.app.bench.BenchmarksViewModel;
import dev.cairn.app.bench.BenchmarkViewModel;
import dev.cairn.app.dashboard.DashboardView;
import dev.cairn.app.deploy.DeploymentsView;
import dev.cairn.app.deploy.DeploymentsViewModel;
import dev.cairn.app.dashboard.DashboardViewModel;
import dev.cairn.app.settings.SettingsView;
import dev.cairn.app.settings.SettingsViewModel;
import dev.cairn.app.registry.ModelsView;
import dev.cairn.app.registry.ModelsViewModel;
import dev.cairn.app.registry.OnnxDropHandler;
import dev.cairn.app.registry.PlaygroundPane;
import dev.cairn.app.registry.PlaygroundViewModel;
import dev.cairn.app.shell.Section;
import dev.cairn.app.shell.ShellView;
import dev.cairn.app.shell.ShortcutsOverlay;
import javafx.scene.layout.StackPane;
import dev.cairn.app.shell.StatusBar;
import dev.cairn.app.shell.Theme;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.app.shell.WindowGeometry;
import dev.cairn.app.tracking.CompareViewModel;
import dev.cairn.app.tracking.ExperimentsView;
import dev.cairn.app.tracking.ExperimentsViewModel;
import dev.cairn.app.tracking.RunViewModel;
import dev.cairn.app.tracking.ServerIndicator;
import dev.cairn.app.tracking.TrackingServerPanel;
import dev.cairn.core.bench.BenchmarkedModel;
import dev.cairn.core.deploy.DeployServices;
import dev.cairn.core.deploy.ImageRecipe;
import dev.cairn.core.registry.ModelVersion;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;

/**
 * Puts the workbench into a stage: the shell with every section's view, the theme, the remembered
 * geometry, keyboard shortcuts, and drag and drop of files anywhere on the window.
 */
public final class MainWindow {

    private static final String STYLESHEET = "/dev/cairn/app/cairn.css";

    private final Stage stage;
    private final ShortcutsOverlay shortcuts = new ShortcutsOverlay();
    private final ShellView shell;
    private final ObjectProperty<Theme> theme;

    public MainWindow(Stage stage, AppServices services, UiPreferences preferences) {
        this.stage = stage;
        this.theme = new SimpleObjectProperty<>(preferences.theme());
        theme.get().apply();
        theme.addListener((observable, old, chosen) -> chosen.apply());

        StatusBar statusBar = new StatusBar(services.notifier(), services.tasks().running(), services.workspace().home());
        statusBar.addIndicator(new ServerIndicator(services.trackingServer()));
        services.trackingServer().load();
        ModelsViewModel models = new ModelsViewModel(services.registry(), services.tasks(), services.notifier(),
                services.undo());
        DeploymentsViewModel deployments = new DeploymentsViewModel(base -> DeployServices.of(services.workspace(),
                services.registry(), System.getenv(), base), System.getenv().getOrDefault(
                        "CAIRN_BASE_IMAGE", ImageRecipe.DEFAULT_BASE_IMAGE), services.plugins(), services.tasks(),
                services.notifier(), Platform::runLater);
        DriftViewModel drift = new DriftViewModel(services.tasks(), services.datasets(), services.driftReports(),
                services.notifier(), services.plugins());
        shell = new ShellView(sectionViews(services, models, drift, deployments), statusBar);
        // One click from a version's page: the Deployments section opens its deploy dialog for that version.
        models.setOnDeploy(version -> {
            deployments.askToDeploy(version.name(), String.valueOf(version.version()));
            shell.selectedProperty().set(Section.DEPLOYMENTS);
        });
        services.drops().register(new OnnxDropHandler(models, () -> shell.selectedProperty().set(Section.MODELS)));
        services.drops().register(new CsvDropHandler(drift, () -> shell.selectedProperty().set(Section.DRIFT)));
        // The shortcuts card (F1) lies over the whole window.
        Scene scene = new Scene(new StackPane(shell, shortcuts));
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        installShortcuts(scene, services);
        installFileDrop(scene, services);

        stage.setTitle("Cairn");
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(400);
        place(preferences.window());
        services.dialogs().attachTo(stage);
    }

    public Stage stage() {
        return stage;
    }

    /** The keyboard shortcuts card (F1). */
    public ShortcutsOverlay shortcuts() {
        return shortcuts;
    }

    public ShellView shell() {
        return shell;
    }

    /** The theme and geometry to remember; read on the JavaFX thread before the window goes. */
    public UiPreferences preferences() {
        return new UiPreferences(theme.get(),
                new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()));
    }

    private static BenchmarkPane benchmarkPane(AppServices services, ModelsViewModel models, ModelVersion version) {
        Path file = models.modelFile(version);
        BenchmarkedModel benchmarked = new BenchmarkedModel(version.name(), version.version(),
                version.provenance().sha256(), file.toString());
        BenchmarkViewModel model = new BenchmarkViewModel(file, benchmarked, services.tasks(), services.benchmarks(),
                Platform::runLater);
        model.loadLatest();
        return new BenchmarkPane(model);
    }

    private Map<Section, Supplier<Node>> sectionViews(AppServices services, ModelsViewModel models,
            DriftViewModel drift, DeploymentsViewModel deployments) {
        Map<Section, Supplier<Node>> views = new EnumMap<>(Section.class);
        views.put(Section.DASHBOARD, () -> new DashboardView(
                new DashboardViewModel(services.workspace(), services.tasks()),
                section -> shell.selectedProperty().set(section)));
        views.put(Section.EXPERIMENTS, () -> new ExperimentsView(
                new ExperimentsViewModel(services.tracking(), services.tasks(), services.notifier(), services.settings()),
                () -> new RunViewModel(services.tracking(), services.tasks(), services.notifier())
                        .withUndo(services.undo()),
                () -> new CompareViewModel(services.tracking(), services.tasks())));
        views.put(Section.MODELS, () -> new ModelsView(models,
                file -> new PlaygroundPane(new PlaygroundViewModel(file, services.tasks())),
                version -> benchmarkPane(services, models, version)));
        views.put(Section.BENCHMARKS, () -> new BenchmarksView(
                new BenchmarksViewModel(services.benchmarks(), services.tasks(), services.notifier())));
        views.put(Section.DRIFT, () -> new DriftSection(new DriftView(drift), () -> new MonitoringPane(
                PredictionMonitor.of(services.workspace().store(), Clock.systemUTC()), services.tasks(),
                services.notifier())));
        views.put(Section.DEPLOYMENTS, () -> new DeploymentsView(deployments));
        views.put(Section.SETTINGS, () -> new SettingsView(new SettingsViewModel(theme, services.workspace(),
                services.settings(), services.tasks(), services.notifier()),
                new TrackingServerPanel(services.trackingServer())));
        return views;
    }

    private void installShortcuts(Scene scene, AppServices services) {
        for (Section section : Section.values()) {
            scene.getAccelerators().put(section.shortcut(), () -> shell.selectedProperty().set(section));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), shortcuts::toggle);
        // Text fields handle their own Ctrl+Z (typing); this one reaches the scene only outside them.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN),
                services.undo()::undo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                stage::close);
    }

    private static void installFileDrop(Scene scene, AppServices services) {
        scene.addEventFilter(DragEvent.DRAG_OVER, event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
        });
        scene.addEventFilter(DragEvent.DRAG_DROPPED, event -> {
            if (!event.getDragboard().hasFiles()) {
                return;
            }
            List<Path> files = event.getDragboard().getFiles().stream().map(File::toPath).toList();
            services.drops().route(files);
            event.setDropCompleted(true);
            event.consume();
        });
    }

    private void place(WindowGeometry geometry) {
        stage.setWidth(geometry.width());
        stage.setHeight(geometry.height());
        if (geometry.isOnScreen()) {
            stage.setX(geometry.x());
            stage.setY(geometry.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(geometry.maximized());
    }
}
