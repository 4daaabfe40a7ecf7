package dev.cairn.app.shell;

import dev.cairn.core.settings.SettingStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** The look of the workbench that outlives a session: theme and window geometry, kept as settings. */
public record UiPreferences(Theme theme, WindowGeometry window) {

    /** The setting name the theme is stored under. */
    public static final String THEME = "ui.theme";
    private static final String WINDOW = "ui.window.";

    public static final UiPreferences DEFAULT = new UiPreferences(Theme.LIGHT, WindowGeometry.DEFAULT);

    /** Reads the stored preferences; missing or garbled values fall back to the defaults. Touches the database. */
    public static UiPreferences load(SettingStore settings) {
        Map<String, String> stored = settings.getAll("ui.");
        Theme theme = Theme.parse(stored.get(THEME));
        WindowGeometry defaults = WindowGeometry.DEFAULT;
        WindowGeometry window = new WindowGeometry(
                number(stored.get(WINDOW + "x"), defaults.x()),
                number(stored.get(WINDOW + "y"), defaults.y()),
                Math.max(640, number(stored.get(WINDOW + "width"), defaults.width())),
                Math.max(400, number(stored.get(WINDOW + "height"), defaults.height())),
                Boolean.parseBoolean(stored.get(WINDOW + "maximized")));
        return new UiPreferences(theme, window);
    }

    /** Writes these preferences. Touches the database. */
    public void save(SettingStore settings) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(THEME, theme.name());
        values.put(WINDOW + "x", Double.toString(window.x()));
        values.put(WINDOW + "y", Double.toString(window.y()));
        values.put(WINDOW + "width", Double.toString(window.width()));
        values.put(WINDOW + "height", Double.toString(window.height()));
        values.put(WINDOW + "maximized", Boolean.toString(window.maximized()));
        settings.putAll(values);
    }

    private static double number(String text, double fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
