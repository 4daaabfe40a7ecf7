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
