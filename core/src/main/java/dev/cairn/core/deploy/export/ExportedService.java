package dev.cairn.core.deploy.export;

import dev.cairn.core.deploy.DeploySettings;
import dev.cairn.core.deploy.ImageRecipe;
import java.util.Locale;
import java.util.Map;

/**
 * One model version as the exported compose, stack and Kubernetes files run it: the image Cairn builds and the settings
 * a {@code cairn deploy} would have used.
 *
 * @param name a DNS-1123 label made from the model name (Kubernetes object names and compose service names allow it)
 * @param publishedPort the port published on the host (compose, swarm) or the Service port (Kubernetes)
 * @param cpus CPU limit, null for none
 * @param memoryBytes memory limit, null for none
 */
public record ExportedService(String name, String image, String modelName, int modelVersion, int publishedPort,
                              Double cpus, Long memoryBytes, String restartPolicy, Map<String, String> environment) {

    public ExportedService {
        environment = Map.copyOf(environment);
    }

    /** The service for {@code recipe}'s image run with {@code settings} (no port given: the container's own, 8080). */
    public static ExportedService of(ImageRecipe recipe, DeploySettings settings) {
        return new ExportedService(dnsLabel(recipe.model().name()), recipe.tag(), recipe.model().name(),
                recipe.model().version(), settings.port() == null ? ImageRecipe.CONTAINER_PORT : settings.port(),
                settings.cpus(), settings.memoryBytes(), settings.restartPolicy(), settings.environment());
    }

    /** Lower case letters, digits and dashes, starting with a letter, at most 63 characters. */
    static String dnsLabel(String modelName) {
        String folded = modelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+", "")
                .replaceAll("-+$", "");
        String label = folded.isEmpty() ? "model" : folded;
        return label.length() <= 63 ? label : label.substring(0, 63).replaceAll("-+$", "");
    }

    /** A memory size as Docker and Kubernetes both read it: whole mebibytes as {@code 512Mi}/{@code 512m}. */
    static String memory(long bytes, boolean kubernetes) {
        long mebibyte = 1L << 20;
        if (bytes % mebibyte == 0) {
            return bytes / mebibyte + (kubernetes ? "Mi" : "m");
        }
        return kubernetes ? Long.toString(bytes) : bytes + "b";
    }
}
