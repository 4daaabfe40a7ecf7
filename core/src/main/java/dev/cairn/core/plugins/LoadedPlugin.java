package dev.cairn.core.plugins;

import java.util.List;

/**
 * One jar of the plugins folder as Settings lists it.
 *
 * @param file the jar's file name
 * @param name the manifest's {@code Implementation-Title}, or the file name without {@code .jar}
 * @param version the manifest's {@code Implementation-Version}, or null
 * @param provides one line per service in use, such as {@code "Drift test energy_distance (Energy distance)"}
 * @param problems why the jar, or one of its services, is not in use; empty when all is well
 */
public record LoadedPlugin(String file, String name, String version, List<String> provides, List<String> problems) {

    public LoadedPlugin {
        provides = List.copyOf(provides);
        problems = List.copyOf(problems);
    }

    /** "name version", or the name alone when the jar gives no version. */
    public String title() {
        return title(name, version);
    }

    static String title(String name, String version) {
        return version == null ? name : name + " " + version;
    }

    /** Whether at least one of the jar's services is in use. */
    public boolean loaded() {
        return !provides.isEmpty();
    }
}
