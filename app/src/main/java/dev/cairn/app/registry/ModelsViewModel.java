package dev.cairn.app.registry;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.shell.UndoHistory;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.onnx.ModelInspector;
import dev.cairn.core.onnx.ModelReport;
import dev.cairn.core.registry.AuditEntry;
import dev.cairn.core.registry.Governance;
import dev.cairn.core.registry.ModelImports;
import dev.cairn.core.registry.ModelRegistration;
import dev.cairn.core.registry.ModelRegistry;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegisteredModel;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.registry.Stage;
import dev.cairn.core.tracking.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Models section: the registered models, the selected model with its versions and audit trail,
 * the selected version's inspection. Every registry call runs as a background task.
 */
public final class ModelsViewModel {

    private final RegistryServices services;
    private final ModelRegistry registry;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final UndoHistory undo;
    private Consumer<ModelVersion> onDeploy = version -> { };

    private final ObservableList<RegisteredModel> models = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<RegisteredModel> model = new SimpleObjectProperty<>();
    private final ObservableList<ModelVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> audit = FXCollections.observableArrayList();
    private final ObjectProperty<ModelVersion> version = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelReport> report = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();

    /** @param undo where saved edits of descriptions, cards and aliases leave their way back */
    public ModelsViewModel(RegistryServices services, TaskExecutor tasks, Notifier notifier, UndoHistory undo) {
        this.undo = undo;
        this.services = services;
        this.registry = services.registry();
        this.tasks = tasks;
        this.notifier = notifier;
    }

    public ObservableList<RegisteredModel> models() {
        return models;
    }

    public StringProperty filter() {
        return filter;
    }

    /** The model whose page is shown; null when none is selected. */
    public ObjectProperty<RegisteredModel> model() {
        return model;
    }

    /** The selected model's versions, newest first. */
    public ObservableList<ModelVersion> versions() {
        return versions;
    }

    /** The selected model's audit trail, newest first. */
    public ObservableList<AuditEntry> audit() {
        return audit;
    }

    /** The version shown below the versions table. */
    public ObjectProperty<ModelVersion> version() {
        return version;
    }

    /** The inspection of the selected version's file; null while loading or for versions without a file. */
    public ObjectProperty<ModelReport> report() {
        return report;
    }

    public BooleanProperty busy() {
        return busy;
    }

    /** Reloads the model list (names containing the filter, any case) and the open model. */
    public void refresh() {
        String text = filter.get() == null ? "" : filter.get().trim();
        String query = text.isEmpty() ? null : "name ILIKE '%" + text.replace("'", "''").replace("%", "") + "%'";
        String open = model.get() == null ? null : model.get().name();
        tasks.execute(BackgroundTask.of("Loading models", (progress, cancellation) -> {
            List<RegisteredModel> all = new ArrayList<>();
            String token = null;
            do {
                Page<RegisteredModel> page = registry.searchModels(query, 1000, List.of("name ASC"), token);
                all.addAll(page.items());
                token = page.nextPageToken();
            } while (token != null);
            return all;
        }).busy(busy).onSuccess(all -> {
            models.setAll(all);
            if (open != null) {
                select(open, version.get() == null ? null : version.get().version());
            }
        }));
    }

    /** Opens a model's page; {@code versionNumber} (or the newest when null) is shown below its versions. */
    public void select(String name, Integer versionNumber) {
        if (name == null) {
            model.set(null);
            versions.clear();
            audit.clear();
            version.set(null);
            return;
        }
        tasks.execute(BackgroundTask.of("Opening model " + name, (progress, cancellation) -> new Loaded(
                registry.getModel(name), registry.versions(name), registry.auditTrail(name))).busy(busy)
                .onSuccess(loaded -> {
                    model.set(loaded.model);
                    versions.setAll(loaded.versions);
                    audit.setAll(loaded.audit);
                    ModelVersion chosen = loaded.versions.stream()
                            .filter(v -> versionNumber == null || v.version() == versionNumber)
                            .findFirst().orElse(loaded.versions.isEmpty() ? null : loaded.versions.get(0));
                    selectVersion(chosen);
                }));
    }

    private record Loaded(RegisteredModel model, List<ModelVersion> versions, List<AuditEntry> audit) {
    }

    /** Shows a version and inspects its file in the background. */
    public void selectVersion(ModelVersion chosen) {
        version.set(chosen);
        report.set(null);
        if (chosen == null || chosen.provenance() == null) {
            return;
        }
        Path file = modelFile(chosen);
        tasks.execute(BackgroundTask.of("Inspecting " + chosen.name() + " v" + chosen.version(),
                (progress, cancellation) -> ModelInspector.inspect(file)).onSuccess(inspected -> {
                    if (chosen.equals(version.get())) {
                        report.set(inspected);
                    }
                }));
    }

    /** The stored file of a version registered through Cairn. */
    public Path modelFile(ModelVersion chosen) {
        return services.files().path(chosen.provenance().sha256());
    }

    /** The model files registered: ONNX, and the plugins' formats (converted to ONNX first). */
    public ModelImports modelFiles() {
        return services.registration().imports();
    }

    /** Registers a model file; the model's page opens on the new version when done. */
    public void register(Path file, String name, String description) {
        tasks.execute(BackgroundTask.of("Registering " + file.getFileName(), (progress, cancellation) ->
                services.registration().register(file, name, null, description, progress, cancellation))
                .onSuccess((ModelRegistration.Result result) -> {
                    ModelVersion registered = result.version();
                    notifier.info(result.alreadyRegistered()
                            ? file.getFileName() + " is already " + registered.name() + " version " + registered.version()
                            : "Registered " + registered.name() + " version " + registered.version());
                    model.set(null);
                    filter.set("");
                    refreshThenSelect(registered.name(), registered.version());
                }));
    }

    private void refreshThenSelect(String name, int versionNumber) {
        tasks.execute(BackgroundTask.of("Loading models", (progress, cancellation) ->
                registry.searchModels(null, 1000, List.of("name ASC"), null).items()).onSuccess(all -> {
                    models.setAll(all);
                    select(name, versionNumber);
                }));
    }

    public void transition(ModelVersion target, Stage stage, boolean archiveExisting) {
        change("Moving " + target.name() + " v" + target.version() + " to " + stage.label(),
                () -> registry.transitionStage(target.name(), target.version(), stage, archiveExisting),
                target.name(), target.version());
    }

    public void setAlias(ModelVersion target, String alias) {
        String name = alias.trim();
        RegisteredModel before = model.get();
        Integer previous = before == null ? null : before.aliases().get(name);
        change("Setting alias " + name, () -> registry.setAlias(target.name(), name, target.version()),
                target.name(), target.version(), "Set alias " + name + " on " + target.name() + " v" + target.version(),
                () -> {
                    if (previous == null) {
                        registry.deleteAlias(target.name(), name);
                    } else {
                        registry.setAlias(target.name(), name, previous);
                    }
                });
    }

    public void deleteAlias(ModelVersion target, String alias) {
        change("Removing alias " + alias, () -> registry.deleteAlias(target.name(), alias), target.name(),
                target.version(), "Removed alias " + alias + " from " + target.name(),
                () -> registry.setAlias(target.name(), alias, target.version()));
    }

    public void setVersionDescription(ModelVersion target, String description) {
        String before = target.description();
        change("Saving description", () -> registry.updateVersionDescription(target.name(), target.version(), description),
                target.name(), target.version(), "Changed the description of " + target.name() + " v"
                        + target.version(),
                () -> registry.updateVersionDescription(target.name(), target.version(), before));
    }

    public void saveCard(String name, String markdown) {
        String before = model.get() == null ? null : model.get().card();
        change("Saving the model card of " + name, () -> registry.updateCard(name, markdown), name, currentVersion(),
                "Changed the model card of " + name, () -> registry.updateCard(name, before));
    }

    public void saveGovernance(String name, Governance governance) {
        change("Saving governance of " + name, () -> registry.updateGovernance(name, governance), name, currentVersion());
    }

    public void saveDescription(String name, String description) {
        String before = model.get() == null ? null : model.get().description();
        change("Saving description of " + name, () -> registry.updateModelDescription(name, description), name,
                currentVersion(), "Changed the description of " + name,
                () -> registry.updateModelDescription(name, before));
    }

    /** What Deploy... on a version does: the window shows the deploy dialog for it. */
    public void setOnDeploy(Consumer<ModelVersion> action) {
        this.onDeploy = action;
    }

    /** Asks to deploy {@code target} (one click from its page). */
    public void deploy(ModelVersion target) {
        onDeploy.accept(target);
    }

    public void deleteVersion(ModelVersion target) {
        change("Deleting " + target.name() + " v" + target.version(),
                () -> registry.deleteVersion(target.name(), target.version()), target.name(), null);
    }

    public void deleteModel(String name, Consumer<String> onDeleted) {
        tasks.execute(BackgroundTask.of("Deleting model " + name, (progress, cancellation) -> {
            registry.deleteModel(name);
            return name;
        }).onSuccess(deleted -> {
            model.set(null);
            version.set(null);
            notifier.info("Deleted model " + deleted);
            refresh();
            onDeleted.accept(deleted);
        }));
    }

    private Integer currentVersion() {
        return version.get() == null ? null : version.get().version();
    }

    private void change(String title, Runnable work, String name, Integer versionNumber) {
        tasks.execute(BackgroundTask.of(title, (progress, cancellation) -> {
            work.run();
            return name;
        }).onSuccess(changed -> select(changed, versionNumber)));
    }

    /** A change Ctrl+Z can take back: once it is saved, its inverse goes to the undo history. */
    private void change(String title, Runnable work, String name, Integer versionNumber, String done,
            Runnable inverse) {
        tasks.execute(BackgroundTask.of(title, (progress, cancellation) -> {
            work.run();
            return name;
        }).onSuccess(changed -> {
            select(changed, versionNumber);
            undo.record(done, () -> {
                inverse.run();
                javafx.application.Platform.runLater(() -> select(changed, versionNumber));
            });
        }));
    }
}
