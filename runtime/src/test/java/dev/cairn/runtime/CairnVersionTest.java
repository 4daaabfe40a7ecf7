package dev.cairn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CairnVersionTest {

    @Test
    void versionComesFromTheBuild() {
        assertThat(CairnVersion.current()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
