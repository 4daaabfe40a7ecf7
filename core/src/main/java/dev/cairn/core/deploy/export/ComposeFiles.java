package dev.cairn.core.deploy.export;

import dev.cairn.core.deploy.ImageRecipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code docker-compose.yml} for one host and a Docker Swarm stack file whose rolling update starts the new task
 * before stopping the old one and rolls back on its own when the new one fails its health check.
 */
public final class ComposeFiles {

    private ComposeFiles() {
    }

    /**
     * For {@code docker compose up -d}: the image, its port, the image's health check, restart policy and limits.
     *
     * @param buildHere whether the build context lies beside the file, so {@code docker compose up --build} builds
     */
    public static Map<String, Object> compose(ExportedService service, boolean buildHere) {
        Map<String, Object> definition = common(service);
        if (buildHere) {
            definition.put("build", ".");
        }
        definition.put("ports", List.of(service.publishedPort() + ":" + ImageRecipe.CONTAINER_PORT));
        definition.put("restart", service.restartPolicy());
        if (service.cpus() != null) {
            definition.put("cpus", service.cpus());
        }
        if (service.memoryBytes() != null) {
            definition.put("mem_limit", ExportedService.memory(service.memoryBytes(), false));
        }
        return Map.of("services", Map.of(service.name(), definition));
    }

    /** For {@code docker stack deploy -c FILE NAME}: Swarm ignores {@code restart} and limits outside {@code deploy}. */
    public static Map<String, Object> swarmStack(ExportedService service) {
        Map<String, Object> definition = common(service);
        definition.put("ports", List.of(orderedMap("target", ImageRecipe.CONTAINER_PORT, "published",
                service.publishedPort(), "protocol", "tcp", "mode", "ingress")));
        Map<String, Object> deploy = new LinkedHashMap<>();
        deploy.put("replicas", 1);
        deploy.put("restart_policy", Map.of("condition", swarmRestartCondition(service.restartPolicy())));
        // start-first: the old task serves until the new one is healthy; a new task that never gets healthy within
        // `monitor` makes Swarm go back to the previous service spec by itself.
        deploy.put("update_config", orderedMap("parallelism", 1, "order", "start-first", "failure_action", "rollback",
                "monitor", seconds(monitorPeriod()), "delay", "0s"));
        deploy.put("rollback_config", orderedMap("parallelism", 1, "order", "start-first", "failure_action", "pause"));
        Map<String, Object> limits = new LinkedHashMap<>();
        if (service.cpus() != null) {
            limits.put("cpus", Double.toString(service.cpus()));
        }
        if (service.memoryBytes() != null) {
            limits.put("memory", ExportedService.memory(service.memoryBytes(), false));
        }
        if (!limits.isEmpty()) {
            deploy.put("resources", Map.of("limits", limits));
        }
        definition.put("deploy", deploy);
        Map<String, Object> stack = new LinkedHashMap<>();
        stack.put("version", "3.8");
        stack.put("services", Map.of(service.name(), definition));
        return stack;
    }

    private static Map<String, Object> common(ExportedService service) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("image", service.image());
        if (!service.environment().isEmpty()) {
            definition.put("environment", new TreeMap<>(service.environment()));
        }
        definition.put("healthcheck", healthCheck());
        definition.put("labels", orderedMap("dev.cairn.model.name", service.modelName(),
                "dev.cairn.model.version", Integer.toString(service.modelVersion())));
        return definition;
    }

    /** The Dockerfile's HEALTHCHECK, repeated so the file says what runs and a compose override can change it. */
    private static Map<String, Object> healthCheck() {
        ImageRecipe.HealthCheck check = ImageRecipe.HEALTH_CHECK;
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(check.command());
        return orderedMap("test", test, "interval", seconds(check.interval()),
                "timeout", seconds(check.timeout()),
                "start_period", seconds(check.startPeriod()), "retries", check.retries());
    }

    /** How long Swarm watches a new task: long enough for the image's health check to call it unhealthy. */
    private static Duration monitorPeriod() {
        ImageRecipe.HealthCheck check = ImageRecipe.HEALTH_CHECK;
        return check.startPeriod().plus(check.interval().multipliedBy(check.retries()));
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    /** Swarm's conditions for Docker's restart policies. */
    static String swarmRestartCondition(String restartPolicy) {
        return switch (restartPolicy == null ? "no" : restartPolicy) {
            case "no" -> "none";
            case "on-failure" -> "on-failure";
            default -> "any";
        };
    }

    static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
