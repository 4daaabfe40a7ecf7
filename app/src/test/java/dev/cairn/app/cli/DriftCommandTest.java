package dev.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn drift} and {@code cairn datasets} on Evidently's bike demo split (January against February 2011). */
class DriftCommandTest {

    /** The columns MANIFEST.md's 6-of-11 verdict does not count (see ManifestOutcomesTest in core). */
    private static final String EXCLUDED = "instant,dteday,yr,mnth,casual,registered";

    @TempDir
    Path folder;

    private Path january;
    private Path february;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void splitTheBikeData() throws IOException {
        List<String> lines = Files.readAllLines(TestData.path("datasets/bike_sharing_hour.csv"));
        List<String> reference = new ArrayList<>(List.of(lines.get(0)));
        List<String> current = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String day = line.split(",")[1];
            if (day.compareTo("2011-01-28") <= 0) {
                reference.add(line);
            } else if (day.compareTo("2011-02-28") <= 0) {
                current.add(line);
            }
        }
        january = Files.write(folder.resolve("january.csv"), reference);
        february = Files.write(folder.resolve("february.csv"), current);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return CairnCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("CAIRN_HOME", folder.resolve("home").toString()));
    }

    @Test
    void printsATableAndFailsOnDriftOnlyWhenAsked() {
        assertThat(run("drift", january.toString(), february.toString(), "--exclude", EXCLUDED)).as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("Reference  january.csv (618 rows", "Current    february.csv (719 rows")
                .containsPattern("temp +num +ks +0\\.326863 +p-value +6\\.0263e-32 +0\\.050000 +DRIFT")
                .containsPattern("holiday +cat +z ")
                .contains("6 of 11 columns drifted (share 0.545, dataset drift at 0.500 or more): DATASET DRIFT");

        assertThat(run("drift", january.toString(), february.toString(), "--exclude", EXCLUDED, "--fail-on-drift"))
                .isEqualTo(1);
        assertThat(run("drift", january.toString(), february.toString(), "--exclude", EXCLUDED, "--fail-on-drift",
                "--drift-share", "0.6")).as("6 of 11 is below 0.6").isZero();
    }

    @Test
    void writesJsonAndHtmlWithPerColumnOverrides() throws IOException {
        Path html = folder.resolve("report.html");
        assertThat(run("drift", january.toString(), february.toString(), "--exclude", EXCLUDED, "--json", "--html",
                html.toString(), "--column-test", "temp=wasserstein", "--threshold", "hum=0.001",
                "--column-type", "weekday=cat", "--no-register")).as(err.toString()).isZero();

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("compared_columns").asInt()).isEqualTo(11);
        JsonNode columns = report.path("columns");
        JsonNode temp = find(columns, "temp");
        assertThat(temp.path("test").asText()).isEqualTo("wasserstein");
        assertThat(temp.has("distance")).isTrue();
        assertThat(find(columns, "hum").path("threshold").asDouble()).isEqualTo(0.001);
        assertThat(find(columns, "hum").path("drifted").asBoolean()).as("p 0.0015 is not below 0.001").isFalse();
        assertThat(find(columns, "weekday").path("type").asText()).isEqualTo("cat");
        assertThat(find(columns, "weekday").path("test").asText()).isEqualTo("chisquare");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg ").doesNotContain("<script");
        assertThat(err.toString()).contains("HTML report written to " + html);
        assertThat(Files.exists(folder.resolve("home"))).as("--no-register leaves the workspace alone").isFalse();
    }

    @Test
    void badInputIsOneLineOnStderrAndExitCodeTwo() throws IOException {
        Path ragged = Files.writeString(folder.resolve("ragged.csv"), "a,b\n1,2\n3\n");

        assertThat(run("drift", january.toString(), folder.resolve("absent.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: Cannot read ").contains("absent.csv").hasLineCount(1);
        assertThat(run("drift", ragged.toString(), ragged.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("cairn: ragged.csv: line 3 has 1 field but the header has 2; check the "
                + "delimiter (',') and quotes on that line" + System.lineSeparator());
        assertThat(run("drift", january.toString(), february.toString(), "--column-test", "temp=t_test")).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: Unknown test 't_test'").hasLineCount(1);
        assertThat(run("drift", january.toString(), february.toString(), "--column-test", "season=ks")).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: Test ks does not apply to cat column 'season'");
        assertThat(run("drift", january.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: Missing required parameter: 'CURRENT'");
    }

    @Test
    void registersDatasetsByContentAndListsThem() {
        assertThat(run("drift", january.toString(), february.toString(), "--exclude", EXCLUDED)).isZero();
        assertThat(run("datasets", "register", january.toString(), "--name", "bikes")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Registered january.csv as bikes version 1")
                .contains("618 rows, 17 columns, sha256 ").contains("schema instant:num,dteday:cat,season:cat,");
        assertThat(run("datasets", "register", january.toString(), "--name", "bikes")).isZero();
        assertThat(out.toString()).startsWith("january.csv is already registered as bikes version 1 (same SHA-256)");

        assertThat(run("datasets", "list")).isZero();
        assertThat(out.toString().lines()).hasSize(3);
        assertThat(out.toString()).contains("bikes ", "january ", "february ", "618 rows", "719 rows");
    }

    private static JsonNode find(JsonNode columns, String name) {
        for (JsonNode column : columns) {
            if (column.path("column").asText().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
