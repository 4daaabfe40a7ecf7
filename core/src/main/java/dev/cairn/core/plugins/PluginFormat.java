package dev.cairn.core.plugins;

import java.util.Set;
import java.util.TreeSet;

/**
 * A plugin's dataset reader or model importer and the file format it takes, read once at load
 * ({@link PluginService}).
 *
 * @param kind "Dataset reader" or "Model importer"
 * @param extensions lower case, without the dot
 */
public record PluginFormat<S>(S service, String kind, String formatName, Set<String> extensions, String owner)
        implements PluginService {

    public PluginFormat {
        extensions = Set.copyOf(extensions);
    }

    @Override
    public String summary() {
        return kind + ": " + formatName + " (" + String.join(", ", new TreeSet<>(extensions).stream()
                .map(extension -> "." + extension).toList()) + ")";
    }
}
