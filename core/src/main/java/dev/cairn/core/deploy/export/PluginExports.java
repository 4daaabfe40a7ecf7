package dev.cairn.core.deploy.export;

import dev.cairn.core.deploy.DeployException;
import dev.cairn.core.deploy.ImageRecipe;
import dev.cairn.core.plugins.PluginErrors;
import dev.cairn.core.plugins.PluginExporter;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.plugins.api.ExportedDeployment;
import dev.cairn.plugins.api.PluginException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the plugins' deployment files beside Cairn's own. A plugin names files only inside the export folder, never
 * over Cairn's files or another plugin's; a plugin that fails fails the export with its name, after Cairn's files.
 */
final class PluginExports {

    /** Plain names that mean the same file on every system: no folders, no trailing dot (Windows drops it). */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,126}[A-Za-z0-9_-])?");
    /** Windows' device names, which are no files there whatever follows the dot. */
    private static final Pattern DEVICE_NAME = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    static final String HEALTH_PATH = KubernetesManifests.READY_PATH;

    private PluginExports() {
    }

    static List<Path> write(Path folder, ExportedService service, Plugins plugins, Set<String> taken)
            throws IOException {
        List<Path> written = new ArrayList<>();
        ExportedDeployment deployment = new ExportedDeployment(service.name(), service.image(), service.modelName(),
                service.modelVersion(), ImageRecipe.CONTAINER_PORT, service.publishedPort(), HEALTH_PATH,
                service.cpus(), service.memoryBytes(), service.environment());
        List<String> names = new ArrayList<>(taken);
        for (PluginExporter exporter : plugins.deploymentExporters()) {
            String who = "The " + exporter.targetName() + " export of " + exporter.owner();
            Map<String, String> files;
            try {
                Map<String, String> returned = exporter.exporter().export(deployment);
                files = returned == null ? null : new LinkedHashMap<>(returned); // copied while plugin code may fail
            } catch (PluginException e) {
                throw new DeployException(exporter.targetName() + " export: " + e.getMessage(), e);
            } catch (Throwable e) {
                PluginErrors.rethrowIfFatal(e);
                throw new DeployException(who + " failed: " + e, e);
            }
            if (files == null) {
                throw new DeployException(who + " returned no files (null)");
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                String name = file.getKey();
                if (name == null || file.getValue() == null) {
                    throw new DeployException(who + " returned " + (name == null ? "a file without a name"
                            : "no text for " + name));
                }
                if (!PLAIN_NAME.matcher(name).matches() || name.contains("..") || DEVICE_NAME.matcher(name).matches()) {
                    throw new DeployException(who + " names the file '" + name + "': only plain file names are "
                            + "written (letters, digits, '.', '_', '-'; no folders, no trailing dot, no device names)");
                }
                if (names.stream().anyMatch(name::equalsIgnoreCase)) {
                    throw new DeployException(who + " names the file " + name + ", which is written already");
                }
                names.add(name);
                Path target = folder.resolve(name);
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                written.add(target);
            }
        }
        return written;
    }
}
