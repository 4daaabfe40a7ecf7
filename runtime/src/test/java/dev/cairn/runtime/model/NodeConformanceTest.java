package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.UnsupportedTypeException;
import dev.cairn.runtime.tensor.Value;
import dev.cairn.testdata.EnUsUtf8Locale;
import dev.cairn.testdata.TestData;
import dev.cairn.runtime.testing.ValueAssertions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every ONNX backend node test in {@code testdata/onnx-node-tests} through our codec and runner, and holds
 * each to the status {@code selected.tsv} records for ONNX Runtime 1.29 Java: PASS cases must match the expected
 * outputs; every other case must fail with one of our named exceptions, never a raw ORT error or a crash.
 */
class NodeConformanceTest {

    private static final double ATOL = 1e-3;
    private static final double RTOL = 1e-3;
    private static final RunnerOptions ONE_THREAD = new RunnerOptions(1);

    private static Path nodeTestFolder() {
        return TestData.path("onnx-node-tests");
    }

    private static Map<String, String> statuses() throws IOException {
        Map<String, String> statuses = new HashMap<>();
        for (String line : Files.readAllLines(nodeTestFolder().resolve("selected.tsv"))) {
            String[] columns = line.split("\t");
            if (columns.length >= 2 && !columns[0].equals("test")) {
                statuses.put(columns[0], columns[1]);
            }
        }
        return statuses;
    }

    private static List<Path> caseFolders() throws IOException {
        try (Stream<Path> folders = Files.list(nodeTestFolder())) {
            return folders.filter(dir -> Files.isRegularFile(dir.resolve("model.onnx"))).sorted().toList();
        }
    }

    @Test
    void everyFolderHasAStatus() throws IOException {
        Map<String, String> statuses = statuses();
        List<Path> folders = caseFolders();
        assertThat(folders).hasSize(72);
        assertThat(folders).allSatisfy(dir -> assertThat(statuses).containsKey(dir.getFileName().toString()));
    }

    @TestFactory
    Stream<DynamicTest> eachNodeTest() throws IOException {
        Map<String, String> statuses = statuses();
        return caseFolders().stream().map(dir -> {
            String name = dir.getFileName().toString();
            String status = statuses.getOrDefault(name, "UNKNOWN");
            return DynamicTest.dynamicTest(name + " [" + status + "]", () -> check(dir, status));
        });
    }

    private static void check(Path dir, String status) throws Exception {
        String name = dir.getFileName().toString();
        if (status.equals("PASS")) {
            runAndCompare(dir);
            return;
        }
        Throwable failure = catchThrowable(() -> runAndCompare(dir));
        if (status.equals("LOAD_FAIL") && name.startsWith("test_strnormalizer")) {
            // selected.tsv was recorded without the en_US.UTF-8 locale. Where the locale exists the case must pass;
            // where it does not, it must fail as a missing locale, and is then reported as skipped for that reason.
            if (EnUsUtf8Locale.available()) {
                assertThat(failure).as("%s with the en_US.UTF-8 locale installed", name).isNull();
                return;
            }
            assertThat(failure).isInstanceOf(ModelLoadException.class);
            assertThat(((ModelLoadException) failure).reason()).isEqualTo(ModelLoadException.Reason.MISSING_LOCALE);
            EnUsUtf8Locale.assume();
        }
        assertThat(failure).as("%s is %s in selected.tsv, so it must fail with a Cairn exception", name, status)
                .isNotNull()
                .isInstanceOfAny(ModelLoadException.class, InvalidInputException.class, UnsupportedTypeException.class);
        assertThat(failure.getMessage()).isNotBlank();
        if (failure instanceof ModelLoadException load) {
            assertThat(load.getMessage()).contains("model.onnx");
        }
    }

    private static void runAndCompare(Path dir) throws Exception {
        try (ModelRunner runner = ModelRunner.open(dir.resolve("model.onnx"), ONE_THREAD)) {
            OnnxTestDataSet data = OnnxTestDataSet.read(dir.resolve("test_data_set_0"), runner.inputs(),
                    runner.outputs());
            RunResult result = runner.run(data.inputs());
            List<Value> actual = List.copyOf(result.outputs().values());
            assertThat(actual).hasSameSizeAs(data.expectedOutputs());
            for (int i = 0; i < actual.size(); i++) {
                ValueAssertions.assertClose(dir.getFileName() + " output " + i + " '" + actual.get(i).name() + "'",
                        actual.get(i), data.expectedOutputs().get(i), ATOL, RTOL);
            }
        }
    }
}
