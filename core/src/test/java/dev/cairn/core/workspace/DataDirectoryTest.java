package dev.cairn.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void explicitHomeWins() {
        assertThat(DataDirectory.resolve(Path.of("/tmp/a"), Map.of("CAIRN_HOME", "/tmp/b"), "/home/u"))
                .isEqualTo(Path.of("/tmp/a"));
    }

    @Test
    void environmentComesNext() {
        assertThat(DataDirectory.resolve(null, Map.of("CAIRN_HOME", "/tmp/b"), "/home/u")).isEqualTo(Path.of("/tmp/b"));
    }

    @Test
    void defaultIsDotCairnInTheUsersHome() {
        assertThat(DataDirectory.resolve(null, Map.of("CAIRN_HOME", " "), "/home/u")).isEqualTo(Path.of("/home/u/.cairn"));
    }
}
