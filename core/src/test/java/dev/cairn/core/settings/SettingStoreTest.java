package dev.cairn.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshWorkspaceExtension.class)
class SettingStoreTest {

    @Test
    void storesReplacesAndListsByPrefix(Workspace workspace) {
        SettingStore settings = new SettingStore(workspace.store());
        assertThat(settings.get("ui.theme")).isEmpty();

        settings.putAll(Map.of("ui.theme", "light", "ui.window.width", "1200", "uix", "other"));
        settings.put("ui.theme", "dark");

        assertThat(settings.get("ui.theme")).contains("dark");
        assertThat(settings.getAll("ui.")).containsOnlyKeys("ui.theme", "ui.window.width");
    }

    @Test
    void prefixWildcardsAreTakenLiterally(Workspace workspace) {
        SettingStore settings = new SettingStore(workspace.store());
        settings.putAll(Map.of("a_b", "1", "axb", "2"));
        assertThat(settings.getAll("a_")).containsOnlyKeys("a_b");
    }
}
