package dev.cairn.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.settings.SettingStore;
import dev.cairn.core.store.CairnSchema;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FreshWorkspaceExtension.class)
class WorkspaceTest {

    @TempDir
    Path folder;

    @Test
    void openingCreatesTheDatabaseAndFolders(Workspace workspace) {
        assertThat(workspace.databaseFile()).isRegularFile().hasFileName("cairn.mv.db");
        assertThat(workspace.artifactsDir()).isDirectory();
        assertThat(workspace.pluginsDir()).isDirectory();
        assertThat(workspace.logsDir()).isDirectory();
        assertThat(workspace.schemaVersion()).isEqualTo(CairnSchema.latestVersion());
    }

    @Test
    void summaryReportsWhatIsOnDisk(Workspace workspace) throws IOException {
        Files.writeString(workspace.artifactsDir().resolve("a.bin"), "12345");
        WorkspaceSummary summary = workspace.summary();
        assertThat(summary.home()).isEqualTo(workspace.home());
        assertThat(summary.databaseBytes()).isPositive();
        assertThat(summary.schemaVersion()).isEqualTo(CairnSchema.latestVersion());
        assertThat(summary.createdAt()).isNotNull();
        assertThat(summary.artifactFiles()).isEqualTo(1);
        assertThat(summary.artifactBytes()).isEqualTo(5);
    }

    @Test
    void reopeningKeepsStoredData() {
        Path home = folder.resolve("home");
        try (Workspace workspace = Workspace.open(home)) {
            new SettingStore(workspace.store()).put("theme", "dark");
        }
        try (Workspace workspace = Workspace.open(home)) {
            assertThat(new SettingStore(workspace.store()).get("theme")).contains("dark");
        }
    }

    @Test
    void secondProcessSharesTheOpenDatabase() throws Exception {
        Path home = folder.resolve("shared");
        try (Workspace workspace = Workspace.open(home)) {
            SettingStore settings = new SettingStore(workspace.store());
            settings.put("written.by", "first");

            Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    SecondProcess.class.getName(), home.toString())
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor()).as(output).isZero();
            assertThat(output).contains("saw first");

            assertThat(settings.get("written.by.child")).contains("second");
            settings.put("after", "child");
        }
        try (Workspace reopened = Workspace.open(home)) {
            SettingStore settings = new SettingStore(reopened.store());
            assertThat(settings.getAll("")).containsKeys("written.by", "written.by.child", "after");
        }
    }

    @Test
    void damagedDatabaseGivesAClearMessageAndIsNotOverwritten() throws IOException {
        Path home = folder.resolve("damaged");
        Files.createDirectories(home);
        byte[] garbage = new byte[64 * 1024];
        Arrays.fill(garbage, (byte) 0x5A);
        Path database = home.resolve("cairn.mv.db");
        Files.write(database, garbage);

        assertThatThrownBy(() -> Workspace.open(home))
                .isInstanceOf(CairnException.class)
                .hasMessageContaining(database.toString())
                .hasMessageContaining("--home");
        assertThat(Files.readAllBytes(database)).isEqualTo(garbage);
    }

    @Test
    void unwritableLocationGivesAClearMessage() throws IOException {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> Workspace.open(file.resolve("home")))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("Cannot create the data folder")
                .hasMessageContaining("CAIRN_HOME");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs in a child JVM: opens the workspace the test holds open, reads and writes. */
    public static final class SecondProcess {
        public static void main(String[] args) {
            try (Workspace workspace = Workspace.open(Path.of(args[0]))) {
                SettingStore settings = new SettingStore(workspace.store());
                System.out.println("saw " + settings.get("written.by").orElse("nothing"));
                settings.put("written.by.child", "second");
            }
        }
    }
}
