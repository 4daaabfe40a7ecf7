package dev.cairn.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JSON and HTML of the penguins split: tiny samples, missing values, a category only the current data has. */
class DriftReportExportTest {

    private static DriftReport report;

    @BeforeAll
    static void compare() {
        report = DriftAnalysis.compare(RealSplits.load("penguins_islands", Set.of("island")), DriftOptions.defaults(),
                ProgressListener.NONE, Cancellation.NEVER);
    }

    @Test
    void jsonHoldsVerdictTestsAndChartData() throws IOException {
        JsonNode json = new ObjectMapper().readTree(DriftReportJson.write(report));

        assertThat(json.path("compared_columns").asInt()).isEqualTo(6);
        assertThat(json.path("dataset_drift").asBoolean()).isEqualTo(report.datasetDrift());
        assertThat(json.path("reference").path("sha256").asText()).hasSize(64);
        JsonNode species = json.path("columns").get(0);
        assertThat(species.path("column").asText()).isEqualTo("species");
        assertThat(species.path("test").asText()).isEqualTo("z");
        assertThat(species.path("p_value").asDouble()).isEqualTo(report.columns().get(0).score());
        assertThat(species.path("drifted").asBoolean()).isTrue();
        assertThat(species.path("chart").path("labels")).extracting(JsonNode::asText).containsExactly("Adelie", "Chinstrap");
        JsonNode bill = json.path("columns").get(1);
        assertThat(bill.path("test").asText()).isEqualTo("ks");
        assertThat(bill.path("reference_size").asInt()).isEqualTo(51);
        assertThat(bill.path("chart").path("edges").size()).isEqualTo(bill.path("chart").path("reference").size() + 1);
    }

    @Test
    void htmlIsSelfContainedWithAChartPerColumn() {
        String html = DriftReportHtml.write(report);

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://cdn")
                .doesNotContain("https://");
        // One score chart plus one distribution per column.
        assertThat(html.split("<svg ", -1)).hasSize(1 + 1 + report.columns().size());
        assertThat(html).contains("bill_length_mm").contains("K-S p_value").contains("Chinstrap");
        assertThat(html).contains(report.datasetDrift() ? "dataset drift detected" : "no dataset drift");
    }
}
