package dev.cairn.app.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.gui.MainWindow;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.drift.StatTest;
import dev.cairn.testdata.TestData;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Drift section in the real main window: drop two CSV files, read the verdict, the table and the charts. */
@ExtendWith(ApplicationExtension.class)
class DriftViewTest {

    private Workspace workspace;
    private AppServices services;
    private Path reference;
    private Path current;

    @Start
    void start(javafx.stage.Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-drift-gui-test-"));
        services = new AppServices(workspace);
        new MainWindow(stage, services, UiPreferences.DEFAULT);
        stage.show();
        // Bike rentals by day: 2011 as the reference, 2012 as the current data (a year of growth in rentals).
        List<String> lines = Files.readAllLines(TestData.path("datasets/bike_sharing_day.csv"));
        String header = lines.get(0);
        reference = workspace.home().resolve("bikes-2011.csv");
        current = workspace.home().resolve("bikes-2012.csv");
        Files.writeString(reference, header + "\n" + String.join("\n", lines.stream().skip(1)
                .filter(line -> line.split(",")[3].equals("0")).toList()) + "\n");
        Files.writeString(current, header + "\n" + String.join("\n", lines.stream().skip(1)
                .filter(line -> line.split(",")[3].equals("1")).toList()) + "\n");
    }

    @AfterEach
    void close() {
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
    }

    @Test
    void dropTwoCsvFilesAndReadTheVerdictTableAndHistograms(FxRobot robot) {
        robot.interact(() -> Platform.runLater(() -> services.drops().route(List.of(reference, current))));
        FxWait.until(() -> robot.lookup("#drift-view").tryQuery().isPresent());
        DriftView view = robot.lookup("#drift-view").queryAs(DriftView.class);
        FxWait.until(() -> !view.columnsTable().getItems().isEmpty());

        List<ColumnDrift> columns = view.columnsTable().getItems();
        ColumnDrift rentals = columns.stream().filter(c -> c.column().equals("cnt")).findFirst().orElseThrow();
        assertThat(rentals.drifted()).isTrue(); // rentals grew from 2011 to 2012
        assertThat(columns).extracting(ColumnDrift::column).contains("temp", "season", "weathersit");
        assertThat(robot.lookup("#drift-phase").queryAs(Label.class).getText()).contains("columns drifted");
        long drifted = columns.stream().filter(ColumnDrift::drifted).count();
        assertThat(view.summaryTiles().verdictText()).isEqualTo(drifted >= columns.size() * 0.5 ? "Detected"
                : "Not detected");
        // Both files are registered as datasets, by SHA-256.
        FxWait.until(() -> services.datasets().list().size() == 2);

        // A numerical column: reference and current overlaid as shares of their rows.
        robot.interact(() -> view.columnsTable().getSelectionModel().select(rentals));
        assertThat(view.histogram().isVisible()).isTrue();
        assertThat(view.histogram().datasets()).hasSize(2);
        double shares = 0;
        for (int i = 0; i < view.histogram().datasets().get(0).getDataCount(); i++) {
            shares += view.histogram().datasets().get(0).get(io.fair_acc.dataset.DataSet.DIM_Y, i);
        }
        assertThat(shares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        // A categorical one: side-by-side bars.
        ColumnDrift season = columns.stream().filter(c -> c.column().equals("season")).findFirst().orElseThrow();
        robot.interact(() -> view.columnsTable().getSelectionModel().select(season));
        assertThat(view.categoryChart().isVisible()).isTrue();
        assertThat(view.categoryChart().series()).hasSize(2);
    }

    @Test
    void aChosenTestAppliesOnTheNextComparisonAndABadFileIsNamed(FxRobot robot) throws IOException {
        DriftViewModel model = new DriftViewModel(services.tasks(), services.datasets(), services.driftReports(),
                services.notifier(), services.plugins());
        robot.interact(() -> {
            model.reference().set(reference);
            model.current().set(current);
            model.chooseTest("temp", StatTest.PSI);
            model.compare();
        });
        FxWait.until(() -> model.report().get() != null);
        assertThat(model.column("temp").test()).isEqualTo(StatTest.PSI);
        assertThat(model.column("temp").threshold()).isEqualTo(StatTest.PSI.defaultThreshold());

        // Ids and dates left out, a number with few values compared as a category instead.
        robot.interact(() -> {
            model.exclude("instant", true);
            model.exclude("dteday", true);
            model.chooseType("mnth", dev.cairn.core.drift.ColumnType.NUMERICAL);
            model.compare();
        });
        FxWait.until(() -> model.column("instant") == null);
        assertThat(model.column("dteday")).isNull();
        assertThat(model.column("mnth").type()).isEqualTo(dev.cairn.core.drift.ColumnType.NUMERICAL);
        assertThat(model.column("mnth").test().appliesTo(dev.cairn.core.drift.ColumnType.NUMERICAL)).isTrue();

        Path ragged = workspace.home().resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");
        robot.interact(() -> {
            model.current().set(ragged);
            model.compare();
        });
        FxWait.until(() -> !model.error().get().isEmpty());
        assertThat(model.error().get()).contains("ragged.csv").containsIgnoringCase("line 3");
        assertThat(model.report().get().columns()).isNotEmpty(); // the last good report stays
    }
}
