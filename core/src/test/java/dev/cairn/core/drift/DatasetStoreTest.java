package dev.cairn.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.testdata.TestData;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshWorkspaceExtension.class)
class DatasetStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static Dataset read(Path file) {
        return ColumnTyping.type(CsvTableReader.read(file), Map.of());
    }

    @Test
    void registersVersionsByContentAndFindsThemAgain(Workspace workspace) {
        DatasetStore store = new DatasetStore(workspace.store(), CLOCK);
        Path penguins = TestData.path("datasets/penguins.csv");
        Path day = TestData.path("datasets/bike_sharing_day.csv");

        DatasetStore.Registration first = store.register("tabular", read(penguins), penguins);
        DatasetStore.Registration again = store.register("tabular", read(penguins), penguins);
        DatasetStore.Registration second = store.register("tabular", read(day), day);

        assertThat(first.alreadyRegistered()).isFalse();
        assertThat(first.dataset().version()).isEqualTo(1);
        assertThat(first.dataset().rows()).isEqualTo(344);
        assertThat(first.dataset().columns()).isEqualTo(7);
        assertThat(first.dataset().schema()).isEqualTo("species:cat,island:cat,bill_length_mm:num,bill_depth_mm:num,"
                + "flipper_length_mm:num,body_mass_g:num,sex:cat");
        assertThat(again.alreadyRegistered()).isTrue();
        assertThat(again.dataset()).isEqualTo(first.dataset());
        assertThat(second.dataset().version()).isEqualTo(2);
        assertThat(store.list()).extracting(StoredDataset::version).containsExactly(2, 1);
        assertThat(store.findBySha256(first.dataset().sha256())).containsExactly(first.dataset());
        assertThat(first.dataset().createdAt()).isEqualTo(CLOCK.millis());
    }
}
