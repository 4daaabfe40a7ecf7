package dev.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.testing.ParquetFiles;
import dev.cairn.core.testing.PluginJars;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn plugins}, and the plugins' format and test in {@code cairn drift} and {@code cairn datasets}. */
class PluginsCommandTest {

    @TempDir
    Path folder;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return CairnCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("CAIRN_HOME", folder.resolve("home").toString()));
    }

    @Test
    void listsThePluginsAndTheirProblems() throws IOException {
        assertThat(run("plugins")).isZero();
        assertThat(out.toString()).contains("No plugins.");

        Path plugins = Files.createDirectories(folder.resolve("home/plugins"));
        Files.copy(PluginJars.example("cairn-plugin-drift-tests"), plugins.resolve("drift-tests.jar"));
        Files.writeString(plugins.resolve("broken.jar"), "not a jar");
        assertThat(run("plugins")).isEqualTo(1);
        assertThat(out.toString()).contains("Plugins folder: " + plugins.toAbsolutePath().normalize())
                .contains("Cairn extra drift tests 0.1.0-SNAPSHOT (drift-tests.jar)\n  provides Drift test ed "
                        + "(Energy distance)")
                .contains("broken (broken.jar): not loaded\n  problem: Not a readable jar file: ZipException");
    }

    @Test
    void driftComparesParquetFilesWithThePluginsTest() throws Exception {
        Path plugins = Files.createDirectories(folder.resolve("home/plugins"));
        Files.copy(PluginJars.example("cairn-plugin-drift-tests"), plugins.resolve("drift-tests.jar"));
        Files.copy(PluginJars.example("cairn-plugin-parquet"), plugins.resolve("parquet.jar"));
        Path days = TestData.path("datasets/bike_sharing_day.csv");
        Path reference = ParquetFiles.write(days, "yr = 0", folder.resolve("2011.parquet"));
        Path current = ParquetFiles.write(days, "yr = 1", folder.resolve("2012.parquet"));

        assertThat(run("drift", reference.toString(), current.toString(), "--column-test", "temp=ed",
                "--exclude", "instant,dteday,yr")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("temp +num +ed ");
        assertThat(run("datasets", "register", reference.toString(), "--name", "bikes")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bikes");

        assertThat(run("drift", reference.toString(), current.toString(), "--column-test", "temp=energy",
                "--no-register")).isEqualTo(DriftCommand.BAD_INPUT);
        assertThat(err.toString()).contains("Unknown test 'energy' (known: ks,").contains(", ed)");
        Files.delete(plugins.resolve("parquet.jar"));
        assertThat(run("drift", reference.toString(), current.toString(), "--no-register"))
                .isEqualTo(DriftCommand.BAD_INPUT);
        assertThat(err.toString()).as("without the plugin a Parquet file is no CSV").startsWith("cairn: 2011.parquet");
    }
}
