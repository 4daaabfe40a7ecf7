package dev.cairn.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cairn.core.workspace.Workspace;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.ParquetFiles;
import dev.cairn.core.testing.PluginJars;
import dev.cairn.testdata.TestData;
import dev.cairn.plugins.api.DriftTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugins' drift test and Parquet reader, loaded from a plugins folder, in real comparisons. */
class DriftPluginsTest {

    @TempDir
    Path dir;
    private Plugins plugins;

    @BeforeEach
    void loadExamples() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(PluginJars.example("cairn-plugin-drift-tests"), folder.resolve("drift-tests.jar"));
        Files.copy(PluginJars.example("cairn-plugin-parquet"), folder.resolve("parquet.jar"));
        plugins = Workspace.loadPlugins(folder);
    }

    @AfterEach
    void close() {
        plugins.close();
    }

    /** Bike sharing 2011 against 2012 as CSV and as Parquet: the same report, with the plugin's test where chosen. */
    @Test
    void parquetFilesGiveTheSameReportAsTheirCsvAndThePluginTestMatchesScipy() throws Exception {
        Path hours = TestData.path("datasets/bike_sharing_hour.csv");
        Path referenceCsv = split(hours, "0", dir.resolve("2011.csv"));
        Path currentCsv = split(hours, "1", dir.resolve("2012.csv"));
        Path referenceParquet = ParquetFiles.write(referenceCsv, "true", dir.resolve("2011.parquet"));
        Path currentParquet = ParquetFiles.write(currentCsv, "true", dir.resolve("2012.parquet"));
        DatasetFiles files = DatasetFiles.of(plugins);
        DriftTests tests = DriftTests.of(plugins);
        ColumnTest energy = tests.parse("ed");
        DriftOptions options = new DriftOptions(Map.of("temp", energy, "cnt", energy), Map.of("cnt", 6.0), 0.5);

        DriftReport fromCsv = compare(files, referenceCsv, currentCsv, options);
        DriftReport fromParquet = compare(files, referenceParquet, currentParquet, options);

        assertThat(fromParquet.reference().rows()).isEqualTo(8645);
        assertThat(fromParquet.columns()).hasSameSizeAs(fromCsv.columns());
        for (int i = 0; i < fromCsv.columns().size(); i++) {
            ColumnDrift csv = fromCsv.columns().get(i);
            ColumnDrift parquet = fromParquet.columns().get(i);
            assertThat(parquet.column()).isEqualTo(csv.column());
            assertThat(parquet.type()).as(csv.column()).isEqualTo(csv.type());
            assertThat(parquet.test()).as(csv.column()).isEqualTo(csv.test());
            assertThat(parquet.score()).as(csv.column()).isCloseTo(csv.score(), within(1e-12));
            assertThat(parquet.drifted()).as(csv.column()).isEqualTo(csv.drifted());
        }
        ColumnDrift temp = column(fromParquet, "temp");
        assertThat(temp.test().id()).isEqualTo("ed");
        assertThat(temp.test().displayName()).isEqualTo("Energy distance");
        assertThat(temp.score()).isCloseTo(0.03194221103898032, within(1e-12)); // scipy.stats.energy_distance
        assertThat(temp.threshold()).isEqualTo(0.1);
        assertThat(temp.drifted()).isFalse();
        ColumnDrift count = column(fromParquet, "cnt");
        assertThat(count.score()).isCloseTo(5.094747236655915, within(1e-9));
        assertThat(count.threshold()).isEqualTo(6.0);
        assertThat(DriftReportJson.write(fromParquet)).contains("\"test\" : \"ed\"").contains("Energy distance");
        assertThat(DriftReportHtml.write(fromParquet)).contains("Energy distance");
    }

    @Test
    void theWorkspaceOffersThePluginsFormatsAndTests() {
        DatasetFiles files = DatasetFiles.of(plugins);
        assertThat(files.describe()).isEqualTo("CSV or Parquet files (.csv, .tsv, .parquet)");
        assertThat(files.canRead(Path.of("x.PARQUET"))).isTrue();
        assertThat(DatasetFiles.csvOnly().canRead(Path.of("x.parquet"))).isFalse();
        DriftTests tests = DriftTests.of(plugins);
        assertThat(tests.applicableTo(ColumnType.NUMERICAL)).extracting(ColumnTest::id).endsWith("ed");
        assertThat(tests.applicableTo(ColumnType.CATEGORICAL)).extracting(ColumnTest::id).doesNotContain("ed");
        assertThatThrownBy(() -> DriftTests.builtIn().parse("ed")).hasMessageStartingWith("Unknown test 'ed' (known: ks,");
        assertThat(tests.parse("ED").id()).isEqualTo("ed");
        assertThat(tests.parse("KS")).isEqualTo(StatTest.KS);
    }

    @Test
    void aBrokenParquetFileGetsAPlainError() throws IOException {
        Path fake = Files.writeString(dir.resolve("fake.parquet"), "a,b\n1,2\n");
        assertThatThrownBy(() -> DatasetFiles.of(plugins).read(fake)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("fake.parquet: not a Parquet file DuckDB can read (");
        assertThatThrownBy(() -> DatasetFiles.of(plugins).read(dir.resolve("absent.parquet")))
                .hasMessageContaining("no such file");
    }

    /** A plugin's test that throws or gives no score fails the comparison with the plugin named, nothing else. */
    @Test
    void aFailingPluginTestIsReportedWithItsPlugin() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("faulty"));
        PluginJars.builder().title("Faulty tests", "0.3").source("org.example.Throwing", """
                package org.example;
                import dev.cairn.plugins.api.DriftTest;
                public class Throwing implements DriftTest {
                    public String id() { return "throwing"; }
                    public String displayName() { return "Throwing"; }
                    public double defaultThreshold() { return 0.1; }
                    public Kind kind() { return Kind.P_VALUE; }
                    public boolean numerical() { return true; }
                    public Result testNumerical(double[] reference, double[] current) {
                        reference[0] = 1e9; // must not reach the other tests
                        throw new ArithmeticException("divide by zero");
                    }
                }
                """).source("org.example.NotANumber", """
                package org.example;
                import dev.cairn.plugins.api.DriftTest;
                public class NotANumber implements DriftTest {
                    public String id() { return "nan"; }
                    public String displayName() { return "NaN"; }
                    public double defaultThreshold() { return 0.1; }
                    public Kind kind() { return Kind.DISTANCE; }
                    public boolean numerical() { return true; }
                    public Result testNumerical(double[] reference, double[] current) { return Result.distance(0.0 / 0); }
                }
                """).service(DriftTest.class, "org.example.Throwing").service(DriftTest.class, "org.example.NotANumber")
                .writeTo(folder.resolve("faulty.jar"));
        Path hours = TestData.path("datasets/bike_sharing_hour.csv");
        Path reference = split(hours, "0", dir.resolve("a.csv"));
        Path current = split(hours, "1", dir.resolve("b.csv"));
        try (Plugins faulty = Workspace.loadPlugins(folder)) {
            DriftTests tests = DriftTests.of(faulty);
            DatasetFiles files = DatasetFiles.of(faulty);
            assertThatThrownBy(() -> compare(files, reference, current,
                    new DriftOptions(Map.of("temp", tests.parse("throwing")), Map.of(), 0.5)))
                    .isInstanceOf(DatasetException.class).hasMessage("Test throwing from plugin Faulty tests 0.3 "
                            + "(faulty.jar) failed on column 'temp': java.lang.ArithmeticException: divide by zero");
            assertThatThrownBy(() -> compare(files, reference, current,
                    new DriftOptions(Map.of("hum", tests.parse("nan")), Map.of(), 0.5)))
                    .hasMessage("Test nan from plugin Faulty tests 0.3 (faulty.jar) gave no usable score for column "
                            + "'hum' (NaN)");
        }
    }

    private static DriftReport compare(DatasetFiles files, Path reference, Path current, DriftOptions options) {
        ColumnTyping.Pair pair = ColumnTyping.type(files.read(reference), files.read(current), Map.of(),
                Set.of("instant", "dteday", "yr"));
        return DriftAnalysis.compare(pair, options, ProgressListener.NONE, Cancellation.NEVER);
    }

    private static ColumnDrift column(DriftReport report, String name) {
        return report.columns().stream().filter(column -> column.column().equals(name)).findFirst().orElseThrow();
    }

    /** The header and the rows of one year (yr is the fourth column). */
    private static Path split(Path csv, String year, Path target) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> kept = new java.util.ArrayList<>(List.of(lines.get(0)));
        lines.stream().skip(1).filter(line -> line.split(",")[3].equals(year)).forEach(kept::add);
        return Files.write(target, kept);
    }
}
