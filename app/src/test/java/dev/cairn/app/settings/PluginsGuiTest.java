package dev.cairn.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.drift.DriftView;
import dev.cairn.app.gui.MainWindow;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.drift.ColumnTest;
import dev.cairn.core.testing.ParquetFiles;
import dev.cairn.core.testing.PluginJars;
import dev.cairn.testdata.TestData;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.plugins.api.DatasetReader;
import dev.cairn.plugins.api.DriftTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Plugin jars dropped into a workspace's plugins folder before Cairn starts, as a user installs them: the two example
 * plugins and a broken jar. The window opens all the same; Settings lists all three; Parquet files compare in the
 * Drift section, and the plugin's test is offered for a column and used in the report.
 */
@ExtendWith(ApplicationExtension.class)
class PluginsGuiTest {

    private Workspace workspace;
    private AppServices services;

    @Start
    void start(javafx.stage.Stage stage) throws IOException {
        Path home = Files.createTempDirectory("cairn-plugins-gui-test-");
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(PluginJars.example("cairn-plugin-drift-tests"), plugins.resolve("cairn-plugin-drift-tests.jar"));
        Files.copy(PluginJars.example("cairn-plugin-parquet"), plugins.resolve("cairn-plugin-parquet.jar"));
        Files.writeString(plugins.resolve("half-downloaded.jar"), "PK\u0003\u0004 and then nothing");
        offTheFxThread().writeTo(plugins.resolve("off-the-fx-thread.jar"));
        // As GuiLauncher does: the workspace and its plugins load before the window, not on the JavaFX thread.
        CompletableFuture.runAsync(() -> {
            workspace = Workspace.open(home);
            services = new AppServices(workspace);
        }).join();
        new MainWindow(stage, services, UiPreferences.DEFAULT);
        stage.show();
    }

    /** Set by the guard plugin when one of its methods runs on the JavaFX thread. */
    private static final String BREACH = "cairn.test.plugin-called-on-fx-thread";

    @AfterEach
    void close() {
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
        assertThat(System.clearProperty(BREACH)).as("plugin code ran on the JavaFX thread at").isNull();
    }

    /** A plugin's reader that fails: the Drift section says which plugin failed on which file, and goes on. */
    @Test
    void aFailingReaderIsNamedInTheDriftSection(FxRobot robot) throws Exception {
        Path reference = Files.writeString(workspace.home().resolve("january.guarded"), "anything");
        Path current = Files.writeString(workspace.home().resolve("february.guarded"), "anything");

        robot.interact(() -> Platform.runLater(() -> services.drops().route(List.of(reference, current))));
        FxWait.until(() -> robot.lookup("#drift-error").tryQuery().map(node -> !((Label) node).getText().isEmpty())
                .orElse(false));
        assertThat(robot.lookup("#drift-error").queryAs(Label.class).getText()).contains("The Guarded reader of "
                + "plugin Guarded 1.0 (off-the-fx-thread.jar) failed on january.guarded: "
                + "java.lang.UnsupportedOperationException");
    }

    @Test
    void settingsListsEachJarWithItsVersionOrItsError(FxRobot robot) {
        robot.clickOn("#nav-settings");
        FxWait.until(() -> robot.lookup("#plugin-list").tryQuery().isPresent());

        VBox list = robot.lookup("#plugin-list").queryAs(VBox.class);
        assertThat(list.getChildren()).extracting(Node::getId).containsExactly("plugin-cairn-plugin-drift-tests.jar",
                "plugin-cairn-plugin-parquet.jar", "plugin-half-downloaded.jar", "plugin-off-the-fx-thread.jar");
        assertThat(texts(robot, "plugin-cairn-plugin-drift-tests.jar")).contains("Cairn extra drift tests "
                + "0.1.0-SNAPSHOT", "\u2022 Drift test ed (Energy distance)");
        assertThat(texts(robot, "plugin-cairn-plugin-parquet.jar")).contains("Cairn Parquet reader 0.1.0-SNAPSHOT",
                "\u2022 Dataset reader: Parquet (.parquet)");
        List<String> broken = texts(robot, "plugin-half-downloaded.jar");
        assertThat(broken).contains("half-downloaded.jar \u2014 not loaded");
        assertThat(broken).anyMatch(text -> text.startsWith("\u26a0 Not a readable jar file: ZipException"));
        // Loaded off the JavaFX thread, and the window (drift tests, file choosers, drops) never called it there.
        assertThat(texts(robot, "plugin-off-the-fx-thread.jar")).contains("Guarded 1.0",
                "\u2022 Drift test fx_guard (Guarded test)", "\u2022 Dataset reader: Guarded (.guarded)")
                .noneMatch(text -> text.startsWith("\u26a0"));
    }

    /**
     * A plugin whose every method throws when called on the JavaFX thread, where Cairn promises never to run plugin
     * code (a slow or stuck plugin would freeze the window).
     */
    private static PluginJars offTheFxThread() {
        // An exception thrown on the JavaFX thread is only printed, so the guard also leaves a mark the test reads.
        String guard = "static void guard() { if (Thread.currentThread().getName().equals(\"JavaFX Application "
                + "Thread\")) { System.setProperty(\"" + BREACH + "\", new Throwable().getStackTrace()[1]"
                + ".toString()); throw new IllegalStateException(\"called on the JavaFX thread\"); } }";
        return PluginJars.builder().title("Guarded", "1.0").source("org.example.GuardedTest", """
                package org.example;
                import dev.cairn.plugins.api.DriftTest;
                public class GuardedTest implements DriftTest {
                    %s
                    public String id() { guard(); return "fx_guard"; }
                    public String displayName() { guard(); return "Guarded test"; }
                    public double defaultThreshold() { guard(); return 0.1; }
                    public Kind kind() { guard(); return Kind.DISTANCE; }
                    public boolean numerical() { guard(); return true; }
                    public Result testNumerical(double[] reference, double[] current) {
                        guard();
                        return Result.distance(0);
                    }
                }
                """.formatted(guard)).source("org.example.GuardedReader", """
                package org.example;
                import dev.cairn.plugins.api.DataTable;
                import dev.cairn.plugins.api.DatasetReader;
                public class GuardedReader implements DatasetReader {
                    %s
                    public String formatName() { guard(); return "Guarded"; }
                    public java.util.Set<String> extensions() { guard(); return java.util.Set.of("guarded"); }
                    public DataTable read(java.nio.file.Path file, int maxRows) {
                        guard();
                        throw new UnsupportedOperationException();
                    }
                }
                """.formatted(guard)).service(DriftTest.class, "org.example.GuardedTest")
                .service(DatasetReader.class, "org.example.GuardedReader");
    }

    @Test
    void parquetFilesCompareAndThePluginsTestIsUsedInTheReport(FxRobot robot) throws Exception {
        Path days = TestData.path("datasets/bike_sharing_day.csv");
        Path reference = ParquetFiles.write(days, "yr = 0", workspace.home().resolve("bikes-2011.parquet"));
        Path current = ParquetFiles.write(days, "yr = 1", workspace.home().resolve("bikes-2012.parquet"));

        robot.interact(() -> Platform.runLater(() -> services.drops().route(List.of(reference, current))));
        FxWait.until(() -> robot.lookup("#drift-columns").tryQuery().isPresent());
        DriftView view = robot.lookup(node -> node instanceof DriftView).queryAs(DriftView.class);
        FxWait.until(() -> !view.columnsTable().getItems().isEmpty());
        assertThat(column(view, "temp").test().id()).isEqualTo("ks"); // Evidently's default for 365 rows

        @SuppressWarnings("unchecked")
        ComboBox<ColumnTest> tempTest = robot.lookup(".combo-box").queryAllAs(ComboBox.class).stream()
                .filter(box -> !box.getItems().isEmpty() && box.getItems().get(0) instanceof ColumnTest)
                .filter(box -> box.getParent() instanceof TableCell<?, ?> cell && cell.getTableRow() != null
                        && cell.getTableRow().getItem() instanceof ColumnDrift row && row.column().equals("temp"))
                .findFirst().orElseThrow();
        assertThat(tempTest.getItems()).extracting(ColumnTest::id).contains("ks", "wasserstein", "ed", "fx_guard");
        // The list shows every test by name, the guarded plugin's too, drawn on the JavaFX thread.
        robot.interact(tempTest::show);
        robot.interact(tempTest::hide);
        ColumnTest energy = tempTest.getItems().stream().filter(test -> test.id().equals("ed")).findFirst()
                .orElseThrow();
        robot.interact(() -> tempTest.setValue(energy));
        Button compare = robot.lookup("#drift-compare").queryAs(Button.class);
        robot.interact(compare::fire);

        FxWait.until(() -> column(view, "temp") != null && column(view, "temp").test().id().equals("ed"));
        ColumnDrift temp = column(view, "temp");
        assertThat(temp.test().displayName()).isEqualTo("Energy distance");
        assertThat(temp.threshold()).isEqualTo(0.1);
        assertThat(temp.score()).isPositive();
        // The report is kept with the plugin's test in it, and both Parquet files are registered as datasets.
        FxWait.until(() -> services.driftReports().latest(5).size() == 2);
        long newest = services.driftReports().latest(1).get(0).id();
        assertThat(services.driftReports().json(newest)).contains("\"test\" : \"ed\"");
        FxWait.until(() -> services.datasets().list().size() == 2);
        assertThat(services.datasets().list()).allSatisfy(dataset -> assertThat(dataset.rows()).isBetween(365L, 366L));
        assertThat(robot.lookup("#drift-phase").queryAs(Label.class).getText()).contains("columns drifted");
    }

    private static ColumnDrift column(DriftView view, String name) {
        return view.columnsTable().getItems().stream().filter(c -> c.column().equals(name)).findFirst().orElse(null);
    }

    /** The labels of the card with this id (an id with dots is no CSS selector). */
    private static List<String> texts(FxRobot robot, String card) {
        return robot.lookup(node -> card.equals(node.getId())).queryAs(VBox.class).getChildren().stream().filter(Label.class::isInstance)
                .map(node -> ((Label) node).getText()).toList();
    }
}
