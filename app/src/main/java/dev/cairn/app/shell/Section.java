package dev.cairn.app.shell;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The workbench's sections, in sidebar order; Ctrl+1 ... Ctrl+7 switch to them. */
public enum Section {
    DASHBOARD("Dashboard"),
    EXPERIMENTS("Experiments"),
    MODELS("Models"),
    BENCHMARKS("Benchmarks"),
    DRIFT("Drift"),
    DEPLOYMENTS("Deployments"),
    SETTINGS("Settings");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** A stable id for styling and tests, e.g. {@code experiments}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The keyboard shortcut that shows this section. */
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (ordinal() + 1)), KeyCombination.SHORTCUT_DOWN);
    }
}
