package dev.cairn.core.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a model image is made of and how it runs, written as a Dockerfile the classic builder takes (no BuildKit
 * syntax) and that never RUNs anything, so a base without a shell works.
 *
 * @param baseImage a Java 17+ runtime image with {@code java} on the PATH
 * @param runtimeSha256 the runtime jar's digest, labelled so an image made with an older runtime is rebuilt; null when
 *     the runtime jar cannot be found (then only an image already on the host can serve)
 */
public record ImageRecipe(String baseImage, DeployableModel model, String createdAt, String runtimeSha256) {

    /** The base image when the user names none. */
    public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

    /** The port the model server listens on inside the container. */
    public static final int CONTAINER_PORT = 8080;

    static final String APP_DIR = "/opt/cairn";
    static final String JAR = APP_DIR + "/cairn-runtime.jar";
    static final String MODEL = APP_DIR + "/model/model.onnx";

    /** A numeric user with no home: runs on any base, with or without an {@code /etc/passwd} entry. */
    static final String USER = "65532:65532";

    /** The image's name on the host: {@code cairn/<model>:<version>}, the model name folded to Docker's alphabet. */
    public String tag() {
        return tag(model);
    }

    /** The tag of {@code model}'s image, whatever the base and runtime. */
    public static String tag(DeployableModel model) {
        return imageRepository(model.name()) + ":" + model.version();
    }

    static String imageRepository(String modelName) {
        String folded = modelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return "cairn/" + (folded.isEmpty() ? "model" : folded);
    }

    /** OCI labels, plus Cairn's own that tell which model version an image holds. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "cairn model " + model.name());
        labels.put("org.opencontainers.image.description", "ONNX model " + model.name() + " version " + model.version()
                + " behind the Open Inference Protocol, served by cairn-runtime");
        labels.put("org.opencontainers.image.version", Integer.toString(model.version()));
        labels.put("org.opencontainers.image.created", createdAt);
        labels.put("org.opencontainers.image.vendor", "Cairn");
        labels.put("org.opencontainers.image.base.name", baseImage);
        labels.put(Labels.MODEL_NAME, model.name());
        labels.put(Labels.MODEL_VERSION, Integer.toString(model.version()));
        labels.put(Labels.MODEL_SHA256, model.sha256());
        if (runtimeSha256 != null) {
            labels.put(Labels.RUNTIME_SHA256, runtimeSha256);
        }
        return labels;
    }

    /**
     * The container's own health check, as the Dockerfile declares it and exported compose and stack files repeat it.
     *
     * @param command the exec form run inside the container; exit 0 is healthy
     */
    public record HealthCheck(List<String> command, Duration interval, Duration timeout, Duration startPeriod,
                              int retries) {
    }

    /** A JVM per check: small heap, no JIT tiers beyond C1, no perf file; it never loads ONNX Runtime. */
    public static final HealthCheck HEALTH_CHECK = new HealthCheck(
            List.of("java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", JAR,
                    "dev.cairn.runtime.cli.HealthProbe", "http://127.0.0.1:" + CONTAINER_PORT + "/v2/health/ready"),
            Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(60), 3);

    public String dockerfile() {
        // Everything up to the model's COPY is the same for every model on a base, so the engine's build cache
        // reuses those layers and a host stores the runtime once however many models it serves.
        return "FROM " + baseImage + "\n"
                + "COPY " + BuildContext.JAR + " " + JAR + "\n"
                + "USER " + USER + "\n"
                + "EXPOSE " + CONTAINER_PORT + "\n"
                + "HEALTHCHECK --interval=" + seconds(HEALTH_CHECK.interval()) + " --timeout="
                + seconds(HEALTH_CHECK.timeout()) + " --start-period=" + seconds(HEALTH_CHECK.startPeriod())
                + " --retries=" + HEALTH_CHECK.retries() + " CMD " + json(HEALTH_CHECK.command()) + "\n"
                + "ENTRYPOINT " + json(List.of("java", "-XX:MaxRAMPercentage=75", "-XX:-UsePerfData", "-jar", JAR)) + "\n"
                + "COPY " + BuildContext.MODEL + " " + MODEL + "\n"
                + "LABEL " + labels().entrySet().stream().map(e -> quote(e.getKey()) + "=" + quote(e.getValue()))
                        .collect(Collectors.joining(" \\\n      ")) + "\n"
                + "CMD " + json(List.of("--model", MODEL, "--name", model.name(), "--version",
                        Integer.toString(model.version()), "--port", Integer.toString(CONTAINER_PORT))) + "\n";
    }

    /** Docker's duration syntax, as Dockerfiles and compose files write it. */
    static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    private static String json(List<String> words) {
        return words.stream().map(ImageRecipe::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }
}
