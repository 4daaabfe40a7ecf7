package dev.cairn.plugins.api;

import java.util.Map;

/**
 * One model version as an exported deployment runs it.
 *
 * @param name a DNS-1123 label made from the model name (lower case letters, digits, dashes; at most 63)
 * @param image the image Cairn builds for the version, {@code name:tag}; its server listens on {@code containerPort}
 * @param containerPort the port the model server listens on inside the container
 * @param publishedPort the port to publish on the host
 * @param healthPath the HTTP path that answers 200 once the model is loaded
 * @param cpus CPU limit, null for none
 * @param memoryBytes memory limit in bytes, null for none
 * @param environment variables for the container
 */
public record ExportedDeployment(String name, String image, String modelName, int modelVersion, int containerPort,
        int publishedPort, String healthPath, Double cpus, Long memoryBytes, Map<String, String> environment) {

    public ExportedDeployment {
        environment = Map.copyOf(environment);
    }
}
