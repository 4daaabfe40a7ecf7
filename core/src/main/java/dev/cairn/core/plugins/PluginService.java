package dev.cairn.core.plugins;

/**
 * A service of a plugin jar with what describes it (names, ids, extensions), read once when the jar loaded and
 * checked then. Cairn reads these values, never the service's own methods, for anything but the work itself: combo
 * boxes, file choosers and drops ask on the JavaFX thread, where no plugin code may run, and a plugin cannot change
 * its answers after they were checked.
 */
public sealed interface PluginService permits PluginDriftTest, PluginFormat, PluginExporter {

    /** "plugin NAME VERSION (FILE)": the jar the service came from, for messages about it. */
    String owner();

    /** The line Settings shows for it, such as "Drift test ed (Energy distance)". */
    String summary();
}
