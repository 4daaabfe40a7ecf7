package dev.cairn.app.registry;

import dev.cairn.app.markdown.MarkdownView;
import dev.cairn.core.registry.AuditEntry;
import dev.cairn.core.registry.Governance;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegisteredModel;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** One registered model: header, then tabs for its versions, model card, governance and audit trail. */
final class ModelPage extends VBox {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final ModelsViewModel model;
    private final Label title = new Label();
    private final Label description = new Label();
    private final MarkdownView card = new MarkdownView();
    private final TextArea cardEditor = new TextArea();
    private final TextField owner = new TextField();
    private final TextArea purpose = new TextArea();
    private final TextArea dataSources = new TextArea();
    private final TextField approvedBy = new TextField();
    private final DatePicker approvedOn = new DatePicker();
    private final Label approvalState = new Label();

    ModelPage(ModelsViewModel model, Function<Path, PlaygroundPane> playgrounds,
            Function<dev.cairn.core.registry.ModelVersion, javafx.scene.Node> benchmarks, Consumer<String> registerVersion) {
        this.model = model;
        setId("model-page");
        setSpacing(8);
        setPadding(new Insets(12));
        title.setId("model-title");
        title.getStyleClass().add("title-2");
        description.setId("model-description");
        description.setWrapText(true);
        Button newVersion = new Button("Register new version\u2026");
        newVersion.setId("register-version");
        newVersion.setOnAction(event -> registerVersion.accept(current().name()));
        Button editDescription = new Button("Edit description");
        editDescription.setOnAction(event -> editDescription());
        Button delete = new Button("Delete model");
        delete.getStyleClass().add("danger");
        delete.setOnAction(event -> confirmDelete());

        TabPane tabs = new TabPane(
                tab("Versions", versionsTab(playgrounds, benchmarks)),
                tab("Model card", cardTab()),
                tab("Governance", governanceTab()),
                tab("Audit trail", auditTab()));
        tabs.setId("model-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().setAll(ModelsView.row(title), description, ModelsView.row(newVersion, editDescription, delete), tabs);
        model.model().addListener((obs, old, current) -> show(current));
    }

    private RegisteredModel current() {
        return model.model().get();
    }

    private void show(RegisteredModel shown) {
        if (shown == null) {
            return;
        }
        title.setText(shown.name());
        description.setText(shown.description() == null ? "No description." : shown.description());
        card.setMarkdown(shown.card() == null || shown.card().isBlank()
                ? "*No model card yet.* Click **Edit** to write one: what the model does, how it was trained, "
                        + "how well it works and where it should not be used." : shown.card());
        cardEditor.setText(shown.card() == null ? "" : shown.card());
        Governance governance = shown.governance();
        owner.setText(nullToEmpty(governance.owner()));
        purpose.setText(nullToEmpty(governance.purpose()));
        dataSources.setText(nullToEmpty(governance.dataSources()));
        approvedBy.setText(nullToEmpty(governance.approvedBy()));
        approvedOn.setValue(governance.approvedTime() == null ? null
                : LocalDate.ofInstant(Instant.ofEpochMilli(governance.approvedTime()), ZoneId.systemDefault()));
        approvalState.setText(governance.approved() ? "Approved by " + governance.approvedBy() + " on "
                + approvedOn.getValue() : "Not approved yet.");
    }

    private static Tab tab(String text, javafx.scene.Node content) {
        Tab tab = new Tab(text, content);
        tab.setId("tab-" + text.toLowerCase(Locale.ROOT).replace(' ', '-'));
        return tab;
    }

    private SplitPane versionsTab(Function<Path, PlaygroundPane> playgrounds,
            Function<ModelVersion, javafx.scene.Node> benchmarks) {
        TableView<ModelVersion> table = new TableView<>(model.versions());
        table.setId("version-table");
        table.getColumns().addAll(List.of(
                column("Version", v -> Integer.toString(v.version()), 70),
                column("Stage", v -> v.stage().label(), 90),
                column("Aliases", v -> String.join(", ", v.aliases()), 120),
                column("Registered", v -> WHEN.format(Instant.ofEpochMilli(v.creationTime())), 130),
                column("By", ModelVersion::userId, 80),
                column("File", v -> v.provenance() == null ? v.source() : v.provenance().fileName(), 200),
                column("Run", v -> v.runId() == null ? "" : v.runId(), 120),
                column("Description", v -> nullToEmpty(v.description()), 200)));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> {
            if (chosen != null && !chosen.equals(model.version().get())) {
                model.selectVersion(chosen);
            }
        });
        model.version().addListener((obs, old, shown) -> {
            if (shown != null && !shown.equals(table.getSelectionModel().getSelectedItem())) {
                table.getItems().stream().filter(v -> v.version() == shown.version()).findFirst()
                        .ifPresent(v -> table.getSelectionModel().select(v));
            }
        });
        SplitPane split = new SplitPane(table, new VersionPane(model, playgrounds, benchmarks));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        return split;
    }

    private VBox cardTab() {
        card.setId("model-card");
        cardEditor.setId("model-card-editor");
        cardEditor.setPromptText("# Model card\n\nWhat it does, training data, evaluation, limits, ethical considerations.");
        cardEditor.setWrapText(true);
        ScrollPane view = new ScrollPane(card);
        view.setFitToWidth(true);
        card.setPadding(new Insets(8));
        StackPane body = new StackPane(view);
        VBox.setVgrow(body, Priority.ALWAYS);
        Button edit = new Button("Edit");
        edit.setId("edit-card");
        Button save = new Button("Save");
        save.setId("save-card");
        save.setDefaultButton(false);
        Button cancel = new Button("Cancel");
        save.setVisible(false);
        cancel.setVisible(false);
        edit.setOnAction(event -> {
            body.getChildren().setAll(cardEditor);
            edit.setVisible(false);
            save.setVisible(true);
            cancel.setVisible(true);
            cardEditor.requestFocus();
        });
        Runnable back = () -> {
            body.getChildren().setAll(view);
            edit.setVisible(true);
            save.setVisible(false);
            cancel.setVisible(false);
        };
        save.setOnAction(event -> {
            model.saveCard(current().name(), cardEditor.getText());
            back.run();
        });
        cancel.setOnAction(event -> {
            cardEditor.setText(nullToEmpty(current().card()));
            back.run();
        });
        VBox box = new VBox(8, ModelsView.row(edit, save, cancel), body);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private VBox governanceTab() {
        owner.setId("governance-owner");
        purpose.setId("governance-purpose");
        dataSources.setId("governance-data-sources");
        approvedBy.setId("governance-approved-by");
        approvedOn.setId("governance-approved-on");
        purpose.setPrefRowCount(3);
        dataSources.setPrefRowCount(3);
        purpose.setWrapText(true);
        dataSources.setWrapText(true);
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Owner"), owner);
        form.addRow(1, new Label("Purpose"), purpose);
        form.addRow(2, new Label("Data sources"), dataSources);
        form.addRow(3, new Label("Approved by"), approvedBy);
        form.addRow(4, new Label("Approved on"), approvedOn);
        GridPane.setHgrow(owner, Priority.ALWAYS);
        Button approveNow = new Button("Approve as me, today");
        approveNow.setOnAction(event -> {
            approvedBy.setText(System.getProperty("user.name", ""));
            approvedOn.setValue(LocalDate.now());
        });
        Button save = new Button("Save governance");
        save.setId("save-governance");
        save.setOnAction(event -> model.saveGovernance(current().name(), new Governance(owner.getText().trim(),
                purpose.getText().trim(), dataSources.getText().trim(), approvedBy.getText().trim(),
                approvedOn.getValue() == null ? null
                        : approvedOn.getValue().atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli())));
        approvalState.setId("governance-state");
        VBox box = new VBox(10, approvalState, form, ModelsView.row(save, approveNow));
        box.setPadding(new Insets(10));
        return box;
    }

    private TableView<AuditEntry> auditTab() {
        TableView<AuditEntry> table = new TableView<>(model.audit());
        table.setId("audit-table");
        table.getColumns().addAll(List.of(
                column("When", e -> WHEN.format(Instant.ofEpochMilli(e.time())), 130),
                column("Who", AuditEntry::user, 90),
                column("Version", e -> e.version() == null ? "" : Integer.toString(e.version()), 70),
                column("What", AuditEntry::action, 130),
                column("Field", e -> nullToEmpty(e.field()), 110),
                column("Before", e -> shorten(e.before()), 180),
                column("After", e -> shorten(e.after()), 180)));
        table.setPlaceholder(new Label("No changes recorded."));
        return table;
    }

    private void editDescription() {
        javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog(
                nullToEmpty(current().description()));
        dialog.setTitle("Model description");
        dialog.setHeaderText("Description of " + current().name());
        dialog.showAndWait().ifPresent(text -> model.saveDescription(current().name(), text.trim()));
    }

    private void confirmDelete() {
        String name = current().name();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Delete model " + name + " with all its versions, tags and "
                + "aliases? The stored files and the audit trail are kept.", ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Delete " + name + "?");
        alert.showAndWait().filter(button -> button == ButtonType.OK).ifPresent(button -> model.deleteModel(name, deleted -> { }));
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 80 ? flat.substring(0, 80) + "\u2026" : flat;
    }
}
