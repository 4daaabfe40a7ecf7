package dev.cairn.app.shell;

import javafx.stage.Screen;

/** Where the main window was and how big, remembered between sessions. */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {

    /** The size a first start gets, centred by the window system. */
    public static final WindowGeometry DEFAULT = new WindowGeometry(Double.NaN, Double.NaN, 1280, 800, false);

    private static final double MIN_VISIBLE = 48;

    /** Whether the position is known and a usable part of the window lies on a screen today. */
    public boolean isOnScreen() {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return false;
        }
        // The top-left corner, where the title bar is, must be on a screen that exists today.
        return !Screen.getScreensForRectangle(x, y, MIN_VISIBLE, MIN_VISIBLE).isEmpty();
    }
}
