package dev.cairn.plugins.api;

import java.util.Map;

/**
 * Writes files that run a model version's image somewhere Cairn does not deploy to itself (a scheduler, a process
 * manager, a platform's manifest). {@code cairn deploy --export DIR} writes these files beside Cairn's own
 * compose, Swarm and Kubernetes files.
 */
public interface DeploymentExporter {

    /** What the files are for, as users know it, such as {@code "HashiCorp Nomad job"}. */
    String targetName();

    /**
     * The files for one deployment.
     *
     * @return file name to UTF-8 text; names are plain file names (no folders, no {@code ..}) that do not clash with
     *     Cairn's own ({@code docker-compose.yml}, {@code docker-stack.yml}, {@code kubernetes.yml},
     *     {@code kserve-inferenceservice.yml}, {@code build-context.tar}, {@code Dockerfile})
     */
    Map<String, String> export(ExportedDeployment deployment);
}
