package dev.cairn.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Application;

/** The workbench's colour themes (AtlantaFX's Primer pair). */
public enum Theme {
    LIGHT("Light", () -> new PrimerLight().getUserAgentStylesheet()),
    DARK("Dark", () -> new PrimerDark().getUserAgentStylesheet());

    private final String label;
    private final Supplier<String> stylesheet;

    Theme(String label, Supplier<String> stylesheet) {
        this.label = label;
        this.stylesheet = stylesheet;
    }

    /** Makes this theme the application's; call on the JavaFX thread. */
    public void apply() {
        Application.setUserAgentStylesheet(stylesheet.get());
    }

    /** The theme named {@code name} (as stored in settings), or LIGHT for anything unknown. */
    public static Theme parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return LIGHT;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
