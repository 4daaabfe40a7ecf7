package dev.cairn.app.cli;

import dev.cairn.testdata.BuildFacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.bench.StoredBenchmark;
import dev.cairn.testdata.TestData;
import dev.cairn.core.workspace.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn bench} end to end: the report, JSON, the stored result, and one-line errors. */
class BenchCommandTest {

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
    void printsAPerfTestStyleReportAndStoresTheResult() {
        String cnn = TestData.model("tribuo_cnn_mnist.onnx").toString();
        assertThat(run("bench", cnn, "--warmup", "2", "--repetitions", "30", "--batch", "4", "--threads", "1"))
                .as(err.toString()).isZero();

        assertThat(out.toString()).contains("Model: tribuo_cnn_mnist.onnx", "input_image [4,1,28,28]",
                "Session creation time cost: ", "First inference time cost: ", "Total inference requests: 30",
                "Average inference time cost: ", "Total inference run time: ", "Number of inferences per second: ",
                "Avg CPU usage: ", "Peak working set size: ", "Min Latency: ", "Max Latency: ", "P50 Latency: ",
                "P90 Latency: ", "P95 Latency: ", "P99 Latency: ", "P999 Latency: ", "Stored as benchmark 1");
        try (Workspace workspace = Workspace.open(folder.resolve("home"))) {
            List<StoredBenchmark> stored = new BenchmarkStore(workspace.store(), Clock.systemUTC()).list(null);
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).model().version()).isNull();
            assertThat(stored.get(0).model().sha256()).hasSize(64);
            assertThat(stored.get(0).result().histogram().getTotalCount()).isEqualTo(30);
            assertThat(stored.get(0).result().settings().batch()).isEqualTo(4);
        }
    }

    @Test
    void benchmarksARegisteredVersionAsJson() throws Exception {
        assertThat(run("models", "register", TestData.model("tribuo_tinybert.onnx").toString(), "--name", "bert"))
                .as(err.toString()).isZero();
        assertThat(run("bench", "bert:1", "--json", "-r", "20", "--warmup", "1", "--dim", "sequence=8",
                "--concurrency", "2", "--opt-level", "basic")).as(err.toString()).isZero();

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("id").asLong()).isEqualTo(1);
        assertThat(json.path("model").path("name").asText()).isEqualTo("bert");
        assertThat(json.path("model").path("version").asInt()).isEqualTo(1);
        JsonNode result = json.path("result");
        assertThat(result.path("latency").path("count").asLong()).isEqualTo(20);
        assertThat(result.path("latency").path("p99Nanos").asLong()).isPositive();
        assertThat(result.path("inputShapes").path("input_ids").toString()).isEqualTo("[1,8]");
        assertThat(result.path("settings").path("optimization").asText()).isEqualTo("BASIC");
        assertThat(result.path("machine").path("ortVersion").asText()).isEqualTo(BuildFacts.onnxRuntimeVersion());
        assertThat(result.has("histogram")).isFalse();
    }

    @Test
    void badSettingsEndWithOneLineAndNothingStored() {
        String squeezenet = TestData.model("light_squeezenet.onnx").toString();
        assertThat(run("bench", squeezenet, "--batch", "8", "-r", "5")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("cairn: input 'data_0' has a fixed first dimension 1 "
                + "([1,3,224,224]); a batch size cannot change it");

        String bert = TestData.model("tribuo_tinybert.onnx").toString();
        assertThat(run("bench", bert, "--dim", "seq=8", "-r", "5")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("cairn: the model has no free dimension named 'seq'; its free "
                + "dimensions are batch, sequence");

        assertThat(run("bench", bert, "-r", "5", "--opt-level", "max")).isEqualTo(1);
        assertThat(err.toString().strip()).hasLineCount(1).contains("unknown optimisation level 'max'");

        assertThat(run("bench", "nothing-here.onnx")).isEqualTo(1);
        assertThat(err.toString().strip()).hasLineCount(1).contains("No model file at nothing-here.onnx");

        assertThat(run("bench", bert, "-r", "5", "-t", "2")).isEqualTo(CairnCommand.USAGE_ERROR);
        assertThat(err.toString().strip()).hasLineCount(1).contains("mutually exclusive");
        try (Workspace workspace = Workspace.open(folder.resolve("home"))) {
            assertThat(new BenchmarkStore(workspace.store(), Clock.systemUTC()).list(null)).isEmpty();
        }
    }

    @Test
    void aSweepPrintsOneRowPerValueAndTheStoredResultsCompareAndExport() throws Exception {
        String iris = TestData.model("tribuo_iris_lr.onnx").toString();
        assertThat(run("bench", iris, "--warmup", "0.2s", "-r", "200", "--sweep", "batch=1,8,64")).as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("Sweep 1 over batch size: tribuo_iris_lr.onnx",
                "Stored as benchmarks 1 to 3");
        assertThat(out.toString().lines().filter(line -> line.matches("\\s+(1|8|64)\\s+[123]\\s+.*"))).hasSize(3);

        assertThat(run("benchmarks", "list")).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(line -> line.contains("tribuo_iris_lr.onnx"))).hasSize(3);

        assertThat(run("benchmarks", "compare", "1", "3")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("* Batch", "Samples/s (/s)", "P99 (ms)", "#1", "#3")
                .containsPattern("Inferences/s \\(/s\\)\\s+[\\d,.]+\\s+[\\d,.]+ \\([+-]\\d");

        Path csv = folder.resolve("sweep.csv");
        assertThat(run("benchmarks", "export", "--sweep", "1", "--output", csv.toString())).as(err.toString()).isZero();
        List<String> rows = java.nio.file.Files.readAllLines(csv);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("id,created_at,model,version,sha256,sweep_id,sweep_parameter,");
        assertThat(rows.subList(1, 4)).allSatisfy(row -> assertThat(row).contains(",1,batch,"));
        assertThat(run("benchmarks", "export", "2", "--format", "json")).as(err.toString()).isZero();
        JsonNode exported = new ObjectMapper().readTree(out.toString());
        assertThat(exported.get(0).path("sweep").path("value").asInt()).isEqualTo(8);
        assertThat(exported.get(0).path("histogram_hdr_base64").asText()).isNotEmpty();

        assertThat(run("benchmarks", "delete", "2", "99")).isEqualTo(1);
        assertThat(err.toString()).contains("there is no benchmark 99");
        assertThat(run("benchmarks", "delete", "2")).as(err.toString()).isZero();
        assertThat(run("benchmarks", "export", "2")).isEqualTo(1);
        assertThat(err.toString()).contains("there is no benchmark 2");
    }

    @Test
    void badSweepsAndWarmupsAreOneLine() {
        String iris = TestData.model("tribuo_iris_lr.onnx").toString();
        assertThat(run("bench", iris, "--sweep", "heads=1,2")).isEqualTo(1);
        assertThat(err.toString().strip()).contains("unknown sweep parameter 'heads'").doesNotContain("\n");
        assertThat(run("bench", iris, "--warmup", "soon")).isEqualTo(1);
        assertThat(err.toString()).contains("--warmup takes a number of runs (20) or of seconds (5s), got 'soon'");
    }
}
