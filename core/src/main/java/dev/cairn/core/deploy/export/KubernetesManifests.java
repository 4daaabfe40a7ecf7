package dev.cairn.core.deploy.export;

import static dev.cairn.core.deploy.export.ComposeFiles.orderedMap;

import dev.cairn.core.deploy.ImageRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes objects for a model image: a Deployment and its Service, or a KServe InferenceService. */
public final class KubernetesManifests {

    /** The container name KServe looks for in a custom predictor. */
    static final String KSERVE_CONTAINER = "kserve-container";

    static final String READY_PATH = "/v2/health/ready";
    private static final String LIVE_PATH = "/v2/health/live";
    private static final int UID = 65532;

    private KubernetesManifests() {
    }

    /** A one-replica Deployment that surges before it drops a pod, so an image change never leaves no pod ready. */
    public static Map<String, Object> deployment(ExportedService service) {
        Map<String, Object> container = container(service, service.name());
        container.put("livenessProbe", probe(LIVE_PATH, 15, 3));
        // The model loads before /ready answers: the startup probe gives it two minutes, then readiness takes over.
        container.put("startupProbe", probe(READY_PATH, 2, 60));
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("securityContext", orderedMap("runAsNonRoot", true, "runAsUser", UID, "runAsGroup", UID));
        podSpec.put("containers", List.of(container));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 1);
        spec.put("selector", Map.of("matchLabels", selector(service)));
        spec.put("strategy", orderedMap("type", "RollingUpdate",
                "rollingUpdate", orderedMap("maxSurge", 1, "maxUnavailable", 0)));
        spec.put("template", orderedMap("metadata", Map.of("labels", labels(service)), "spec", podSpec));
        return object("apps/v1", "Deployment", service, spec);
    }

    /** A ClusterIP Service on the published port in front of the Deployment's pods. */
    public static Map<String, Object> service(ExportedService service) {
        Map<String, Object> spec = orderedMap("type", "ClusterIP", "selector", selector(service),
                "ports", List.of(orderedMap("name", "http", "port", service.publishedPort(), "targetPort", "http",
                        "protocol", "TCP")));
        return object("v1", "Service", service, spec);
    }

    /**
     * A KServe InferenceService with the image as a custom predictor. Custom containers have no
     * {@code protocolVersion} field: KServe reads the protocol from the first container's {@code PROTOCOL} variable.
     */
    public static Map<String, Object> inferenceService(ExportedService service) {
        Map<String, Object> container = container(service, KSERVE_CONTAINER);
        List<Map<String, Object>> env = new ArrayList<>(environment(service));
        env.add(0, orderedMap("name", "PROTOCOL", "value", "v2"));
        container.put("env", env);
        Map<String, Object> predictor = orderedMap("minReplicas", 1, "containers", List.of(container));
        return object("serving.kserve.io/v1beta1", "InferenceService", service, Map.of("predictor", predictor));
    }

    private static Map<String, Object> container(ExportedService service, String name) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", name);
        container.put("image", service.image());
        container.put("imagePullPolicy", "IfNotPresent");
        container.put("ports", List.of(orderedMap("name", "http", "containerPort", ImageRecipe.CONTAINER_PORT,
                "protocol", "TCP")));
        if (!service.environment().isEmpty()) {
            container.put("env", environment(service));
        }
        container.put("readinessProbe", probe(READY_PATH, 5, 3));
        Map<String, Object> resources = resources(service);
        if (!resources.isEmpty()) {
            container.put("resources", resources);
        }
        return container;
    }

    private static List<Map<String, Object>> environment(ExportedService service) {
        return service.environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> orderedMap("name", e.getKey(), "value", e.getValue())).toList();
    }

    /** Requests equal to limits: the pod gets what it may use, and the JVM sizes its heap from the limit. */
    private static Map<String, Object> resources(ExportedService service) {
        Map<String, Object> amounts = new LinkedHashMap<>();
        if (service.cpus() != null) {
            amounts.put("cpu", Math.round(service.cpus() * 1000) + "m");
        }
        if (service.memoryBytes() != null) {
            amounts.put("memory", ExportedService.memory(service.memoryBytes(), true));
        }
        return amounts.isEmpty() ? Map.of() : orderedMap("requests", amounts, "limits", amounts);
    }

    private static Map<String, Object> probe(String path, int periodSeconds, int failureThreshold) {
        return orderedMap("httpGet", orderedMap("path", path, "port", "http"), "periodSeconds", periodSeconds,
                "timeoutSeconds", 2, "failureThreshold", failureThreshold);
    }

    private static Map<String, Object> object(String apiVersion, String kind, ExportedService service,
                                              Map<String, Object> spec) {
        return orderedMap("apiVersion", apiVersion, "kind", kind,
                "metadata", orderedMap("name", service.name(), "labels", labels(service)), "spec", spec);
    }

    private static Map<String, Object> selector(ExportedService service) {
        return Map.of("app.kubernetes.io/name", service.name());
    }

    private static Map<String, Object> labels(ExportedService service) {
        return orderedMap("app.kubernetes.io/name", service.name(),
                "app.kubernetes.io/version", Integer.toString(service.modelVersion()),
                "app.kubernetes.io/managed-by", "cairn",
                "dev.cairn.model.name", service.name());
    }
}
