package dev.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.Main;
import dev.cairn.core.store.CairnSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CairnCommandTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        return CairnCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void anEmptyTokenIsRefusedBeforeAnythingIsServed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) {
        assertThat(run("--home", home.toString(), "server", "--token=", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--token must not be empty");
        assertThat(run("--home", home.toString(), "server", "--token", "  ", "--port", "0")).isEqualTo(2);
    }

    @Test
    void versionPrintsTheBuildsVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("cairn 0.").contains("Java 17");
    }

    @Test
    void helpListsTheGlobalOptionsAndCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--home=DIR", "info", "Usage: cairn");
    }

    @Test
    void unknownCommandIsOneLineAndExitCodeTwo() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("cairn: unknown command 'frobnicate' (try 'cairn --help')" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badFlagIsOneLineAndExitCodeTwo() {
        assertThat(run("info", "--no-such-flag")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("cairn: Unknown option: '--no-such-flag'");
    }

    @Test
    void infoOpensTheHomeGivenBeforeOrAfterTheCommand() {
        Path first = folder.resolve("first");
        Path second = folder.resolve("second");
        assertThat(run("--home", first.toString(), "info")).isZero();
        assertThat(run("info", "--home", second.toString())).isZero();
        assertThat(first.resolve("cairn.mv.db")).isRegularFile();
        assertThat(second.resolve("cairn.mv.db")).isRegularFile();
        assertThat(out.toString()).contains("Data directory  " + first, "Data directory  " + second, "Schema version  " + CairnSchema.latestVersion());
    }

    @Test
    void homeComesFromTheEnvironmentWhenNotGiven() {
        Path fromEnvironment = folder.resolve("env-home");
        assertThat(run(Map.of("CAIRN_HOME", fromEnvironment.toString()), "info")).isZero();
        assertThat(fromEnvironment.resolve("cairn.mv.db")).isRegularFile();
    }

    @Test
    void damagedDatabaseIsAOneLineErrorAndExitCodeOne() throws IOException {
        Path home = Files.createDirectories(folder.resolve("damaged"));
        Files.write(home.resolve("cairn.mv.db"), new byte[8192]);
        assertThat(run("--home", home.toString(), "info")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("cairn: The database " + home.resolve("cairn.mv.db"));
    }

    @Test
    void importMlflowReportsWhatItBroughtAndAddsNothingTheSecondTime() throws IOException {
        Path experiment = Files.createDirectories(folder.resolve("mlruns/3"));
        Files.writeString(experiment.resolve("meta.yaml"), "experiment_id: '3'\nname: cli\nlifecycle_stage: active\n"
                + "creation_time: 1\nlast_update_time: 1\nartifact_location: file:///x\n");
        Path run = Files.createDirectories(experiment.resolve("0123456789abcdef0123456789abcdef/metrics"));
        Files.writeString(run.resolveSibling("meta.yaml"), "run_id: 0123456789abcdef0123456789abcdef\nexperiment_id: '3'\n"
                + "status: 3\nstart_time: 1\nartifact_uri: file:///x\n");
        Files.writeString(run.resolve("loss"), "1 0.5 0\n2 nan 1\n3 inf 2\n");
        Path home = folder.resolve("import-home");

        assertThat(run("--home", home.toString(), "import", "mlflow", folder.resolve("mlruns").toString())).isZero();
        assertThat(out.toString()).contains("Runs: 1 imported, 0 already there", "Metric points: 3");
        assertThat(run("--home", home.toString(), "import", "mlflow", folder.resolve("mlruns").toString())).isZero();
        assertThat(out.toString()).contains("Runs: 0 imported, 1 already there");
        assertThat(run("--home", home.toString(), "import", "mlflow", folder.resolve("nothing-here").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cairn: Nothing to import at");
    }

    @Test
    void serverCommandServesUntilStopped() throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--home", folder.resolve("served").toString(), "server", "--port", "0")
                .redirectErrorStream(true).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertThat(first).startsWith("Cairn serves the MLflow API at http://127.0.0.1:");
            String uri = first.substring("Cairn serves the MLflow API at ".length(), first.indexOf(" on "));
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri + "/api/2.0/mlflow/experiments/get-by-name"
                            + "?experiment_name=Default")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"experiment_id\":\"0\"");
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook closes the server and the workspace
            assertThat(server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void headlessCommandNeverLoadsJavaFx() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--home", folder.resolve("headless").toString(), "info"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("Schema version");
        assertThat(output.lines().filter(line -> line.contains("javafx.") || line.contains("com.sun.javafx")))
                .as("JavaFX classes loaded by a headless command").isEmpty();
    }
}
