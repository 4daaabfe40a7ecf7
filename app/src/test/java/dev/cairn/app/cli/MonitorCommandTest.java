package dev.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.testing.IrisTraffic;
import dev.cairn.runtime.server.ModelServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn monitor pull|list|drift} against a real model server with a prediction log. */
class MonitorCommandTest {

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
    void pullsListsAndGatesOnTheNewestWindow() throws Exception {
        IrisTraffic traffic = new IrisTraffic(3);
        Path reference = IrisTraffic.writeCsv(folder.resolve("reference.csv"), traffic.rows(300, false));
        try (ModelServer server = IrisTraffic.startServer(folder.resolve("log"))) {
            String url = server.baseUri().toString();
            traffic.send(server.baseUri(), traffic.rows(200, false), 20);

            assertThat(run("monitor", "pull", url, "--source", "iris")).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("10 new predictions from " + url + " into source iris (10 stored)");
            assertThat(run("monitor", "pull", "iris")).as("a known source is pulled from its URL").isZero();
            assertThat(out.toString()).startsWith("0 new predictions");

            assertThat(run("monitor", "drift", "iris", "--reference", reference.toString(), "--window", "100",
                    "--fail-on-drift")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Source     iris (10 predictions, 200 rows)",
                    "Not in the reference, not compared: output_label, prob_0, prob_1, prob_2", "every 100 rows")
                    .containsPattern("\\s100\\s+0\\.\\d{3}\\s+no drift");

            traffic.send(server.baseUri(), traffic.rows(100, true), 20);
            assertThat(run("monitor", "pull", "iris")).isZero();
            assertThat(out.toString()).startsWith("5 new predictions");
        }
        assertThat(run("monitor", "list")).isZero();
        assertThat(out.toString()).containsPattern("iris\\s+15\\s");

        assertThat(run("monitor", "drift", "iris", "--reference", reference.toString(), "--window", "100",
                "--fail-on-drift")).as("the newest window drifted").isEqualTo(1);
        assertThat(out.toString()).containsPattern("\\s100\\s+\\d\\.\\d{3}\\s+DRIFT");
        assertThat(err.toString()).contains("ALERT rows 200: dataset drift: ");

        assertThat(run("monitor", "drift", "iris", "--reference", reference.toString(), "--window", "100", "--json"))
                .isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("windows")).hasSize(3);
        assertThat(json.path("windows").get(2).path("dataset_drift").asBoolean()).isTrue();
        assertThat(json.path("windows").get(0).path("columns").get(0).path("column").asText())
                .isEqualTo("sepal_length");
        assertThat(json.path("new_alerts")).as("raised by the run before").isEmpty();

        assertThat(run("monitor", "drift", "nowhere", "--reference", reference.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: No source named 'nowhere'");
        assertThat(run("monitor", "drift", "iris", "--reference", reference.toString(), "--window", "weekly"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("A window is 'hour', 'day' or a number of rows");
    }
}
