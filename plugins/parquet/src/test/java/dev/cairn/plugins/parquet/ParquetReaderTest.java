package dev.cairn.plugins.parquet;

import dev.cairn.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugins.api.DataTable;
import dev.cairn.plugins.api.DatasetReader;
import dev.cairn.plugins.api.PluginException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.ServiceLoader;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {

    @TempDir
    Path dir;

    /** The penguins, written as Parquet by DuckDB from the real CSV; read back with every type and missing value. */
    @Test
    void readsNumbersTextAndMissingValues() throws Exception {
        Path parquet = dir.resolve("penguins.parquet");
        toParquet(TestData.path("datasets/penguins.csv"), parquet);

        DataTable table = new ParquetReader().read(parquet, 1000);

        assertThat(table.rows()).isEqualTo(344);
        assertThat(table.columns()).extracting(DataTable.Column::name).containsExactly("species", "island",
                "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex");
        DataTable.Texts species = (DataTable.Texts) table.columns().get(0);
        assertThat(species.values()[0]).isEqualTo("Adelie");
        DataTable.Numbers bill = (DataTable.Numbers) table.columns().get(2);
        assertThat(bill.values()[0]).isEqualTo(39.1);
        assertThat(bill.values()[3]).isNaN(); // row 4 of the CSV has no measurements
        assertThat(bill.integral()).isFalse();
        DataTable.Numbers mass = (DataTable.Numbers) table.columns().get(5);
        assertThat(mass.values()[0]).isEqualTo(3750);
        assertThat(mass.integral()).as("an integer column with missing values is not integral").isFalse();
        DataTable.Texts sex = (DataTable.Texts) table.columns().get(6);
        assertThat(sex.values()[3]).isNull();
    }

    @Test
    void integerColumnsWithoutGapsAreIntegral() throws Exception {
        Path parquet = dir.resolve("bikes [2011].parquet"); // brackets: DuckDB would read them as a glob
        toParquet(TestData.path("datasets/bike_sharing_day.csv"), parquet);

        DataTable table = new ParquetReader().read(parquet, 1000);

        assertThat(table.rows()).isEqualTo(731);
        DataTable.Numbers count = (DataTable.Numbers) table.columns().stream().filter(c -> c.name().equals("cnt"))
                .findFirst().orElseThrow();
        assertThat(count.integral()).isTrue();
        assertThat(count.values()[0]).isEqualTo(985);
        assertThat(table.columns().stream().filter(c -> c.name().equals("dteday")).findFirst().orElseThrow())
                .isInstanceOf(DataTable.Texts.class);
    }

    @Test
    void refusesMoreRowsThanAskedBeforeReadingThem() throws Exception {
        Path parquet = dir.resolve("day.parquet");
        toParquet(TestData.path("datasets/bike_sharing_day.csv"), parquet);

        assertThatThrownBy(() -> new ParquetReader().read(parquet, 100)).isInstanceOf(PluginException.class)
                .hasMessage("731 rows, more than the 100 Cairn takes");
    }

    @Test
    void aFileThatIsNotParquetGetsAPlainError() throws Exception {
        Path csv = Files.copy(TestData.path("datasets/penguins.csv"), dir.resolve("penguins.parquet"));
        assertThatThrownBy(() -> new ParquetReader().read(csv, 1000)).isInstanceOf(PluginException.class)
                .hasMessageStartingWith("not a Parquet file DuckDB can read (");
        Path truncated = dir.resolve("cut.parquet");
        toParquet(TestData.path("datasets/penguins.csv"), truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> new ParquetReader().read(truncated, 1000)).isInstanceOf(PluginException.class)
                .hasMessageStartingWith("not a Parquet file DuckDB can read (");
    }

    @Test
    void isFoundAsADatasetReaderService() {
        DatasetReader reader = ServiceLoader.load(DatasetReader.class).findFirst().orElseThrow();
        assertThat(reader.formatName()).isEqualTo("Parquet");
        assertThat(reader.extensions()).containsExactly("parquet");
    }

    static void toParquet(Path csv, Path parquet) throws SQLException {
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + csv + "')) TO '" + parquet.toString().replace("'", "''")
                    + "' (FORMAT parquet)");
        }
    }

}
