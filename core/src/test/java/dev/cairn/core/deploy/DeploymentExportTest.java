package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cairn.core.deploy.export.DeploymentExport;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.core.testing.PluginJars;
import dev.cairn.plugins.api.DeploymentExporter;
import dev.cairn.core.deploy.export.ExportedService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export for CI: the files are read back as YAML and the fields each platform acts on are checked. */
class DeploymentExportTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path folder;

    private final ImageRecipe recipe = TestModels.images().recipe(TestModels.iris("Export Iris", 4));
    private final DeploySettings settings = new DeploySettings(9090, DeployStrategy.REPLACE, 1.5, 512L << 20,
            "unless-stopped", Map.of("LOG_LEVEL", "debug"), Duration.ofMinutes(1));

    @Test
    void composeFileRunsTheImageWithItsHealthCheckLimitsAndRestartPolicy() throws IOException {
        List<Path> files = export(DeploymentExport.ContextFormat.FOLDER);

        assertThat(files).contains(folder.resolve("Dockerfile"), folder.resolve("cairn-runtime.jar"),
                folder.resolve(DeploymentExport.COMPOSE));
        JsonNode service = read(DeploymentExport.COMPOSE).get(0).path("services").path("export-iris");
        assertThat(service.path("image").asText()).isEqualTo("cairn/export-iris:4");
        assertThat(service.path("build").asText()).isEqualTo(".");
        assertThat(service.path("ports").get(0).asText()).isEqualTo("9090:8080");
        assertThat(service.path("restart").asText()).isEqualTo("unless-stopped");
        assertThat(service.path("cpus").asDouble()).isEqualTo(1.5);
        assertThat(service.path("mem_limit").asText()).isEqualTo("512m");
        assertThat(service.path("environment").path("LOG_LEVEL").asText()).isEqualTo("debug");
        JsonNode health = service.path("healthcheck");
        assertThat(texts(health.path("test"))).startsWith("CMD", "java")
                .contains("dev.cairn.runtime.cli.HealthProbe", "http://127.0.0.1:8080/v2/health/ready");
        assertThat(health.path("interval").asText()).isEqualTo("15s");
        assertThat(health.path("start_period").asText()).isEqualTo("60s");
        assertThat(health.path("retries").asInt()).isEqualTo(3);
        assertThat(Files.readString(folder.resolve("Dockerfile")))
                .contains("--interval=15s --timeout=5s --start-period=60s --retries=3");
    }

    @Test
    void swarmStackStartsTheNewTaskFirstAndRollsBackOnFailure() throws IOException {
        export(DeploymentExport.ContextFormat.FOLDER);

        JsonNode stack = read(DeploymentExport.STACK).get(0);
        assertThat(stack.path("version").asText()).isEqualTo("3.8");
        JsonNode service = stack.path("services").path("export-iris");
        assertThat(service.path("ports").get(0).path("published").asInt()).isEqualTo(9090);
        assertThat(service.path("ports").get(0).path("target").asInt()).isEqualTo(8080);
        assertThat(service.has("healthcheck")).isTrue();
        JsonNode deploy = service.path("deploy");
        assertThat(deploy.path("update_config").path("order").asText()).isEqualTo("start-first");
        assertThat(deploy.path("update_config").path("failure_action").asText()).isEqualTo("rollback");
        assertThat(deploy.path("update_config").path("monitor").asText()).isEqualTo("105s");
        assertThat(deploy.path("rollback_config").path("order").asText()).isEqualTo("start-first");
        assertThat(deploy.path("restart_policy").path("condition").asText()).isEqualTo("any");
        assertThat(deploy.path("resources").path("limits").path("cpus").asText()).isEqualTo("1.5");
        assertThat(deploy.path("resources").path("limits").path("memory").asText()).isEqualTo("512m");
    }

    @Test
    void kubernetesDeploymentProbesTheHealthEndpointsAndItsServiceSelectsItsPods() throws IOException {
        export(DeploymentExport.ContextFormat.FOLDER);

        List<JsonNode> documents = read(DeploymentExport.KUBERNETES);
        assertThat(documents).extracting(document -> document.path("kind").asText())
                .containsExactly("Deployment", "Service");
        JsonNode deployment = documents.get(0);
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(deployment.path("metadata").path("name").asText()).isEqualTo("export-iris");
        assertThat(deployment.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt())
                .isZero();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("cairn/export-iris:4");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/v2/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/v2/health/live");
        assertThat(container.path("resources").path("limits").path("cpu").asText()).isEqualTo("1500m");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("512Mi");
        assertThat(container.path("env").get(0).path("name").asText()).isEqualTo("LOG_LEVEL");
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertThat(podLabels.path("app.kubernetes.io/version").isTextual()).as("label values are strings").isTrue();

        JsonNode service = documents.get(1);
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(9090);
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        service.path("spec").path("selector").fields().forEachRemaining(selector ->
                assertThat(podLabels.path(selector.getKey()).asText()).isEqualTo(selector.getValue().asText()));
        assertThat(deployment.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(service.path("spec").path("selector"));
    }

    @Test
    void kserveInferenceServiceRunsTheImageAsACustomV2Predictor() throws IOException {
        export(DeploymentExport.ContextFormat.FOLDER);

        JsonNode service = read(DeploymentExport.KSERVE).get(0);
        assertThat(service.path("apiVersion").asText()).isEqualTo("serving.kserve.io/v1beta1");
        assertThat(service.path("kind").asText()).isEqualTo("InferenceService");
        JsonNode container = service.path("spec").path("predictor").path("containers").get(0);
        assertThat(container.path("name").asText()).isEqualTo("kserve-container");
        assertThat(container.path("image").asText()).isEqualTo("cairn/export-iris:4");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(container.path("env").get(0).path("name").asText()).isEqualTo("PROTOCOL");
        assertThat(container.path("env").get(0).path("value").asText()).isEqualTo("v2");
    }

    @Test
    void tarFormatWritesTheContextAsOneTarAndTheComposeFileDoesNotBuild() throws IOException {
        List<Path> files = export(DeploymentExport.ContextFormat.TAR);

        assertThat(files).contains(folder.resolve(DeploymentExport.CONTEXT_TAR)).doesNotContain(folder.resolve("Dockerfile"));
        assertThat(tarEntries(folder.resolve(DeploymentExport.CONTEXT_TAR)))
                .containsExactly("Dockerfile", "cairn-runtime.jar", "model.onnx");
        assertThat(read(DeploymentExport.COMPOSE).get(0).path("services").path("export-iris").has("build")).isFalse();
    }

    @Test
    void modelNamesBecomeDnsLabels() {
        DeploySettings noPort = settings.withPort(null);
        assertThat(ExportedService.of(TestModels.images().recipe(TestModels.iris("42 Fraud_Model!", 1)), noPort))
                .satisfies(service -> {
                    assertThat(service.name()).isEqualTo("fraud-model");
                    assertThat(service.publishedPort()).isEqualTo(ImageRecipe.CONTAINER_PORT);
                });
    }

    /** A plugin's exporter writes its files beside Cairn's; names outside the folder or over Cairn's are refused. */
    @Test
    void pluginExportersWriteTheirFilesBesideCairns(@TempDir Path pluginDir) throws IOException {
        PluginJars.builder().title("Systemd units", "1.0").source("org.example.Systemd", """
                package org.example;
                import dev.cairn.plugins.api.DeploymentExporter;
                import dev.cairn.plugins.api.ExportedDeployment;
                import java.util.Map;
                public class Systemd implements DeploymentExporter {
                    public String targetName() { return "systemd unit"; }
                    public Map<String, String> export(ExportedDeployment d) {
                        return Map.of(d.name() + ".service", "[Service]\\nExecStart=/usr/bin/docker run --rm -p "
                                + d.publishedPort() + ":" + d.containerPort() + " " + d.image() + "\\n"
                                + "# health: " + d.healthPath() + " model " + d.modelName() + " v" + d.modelVersion()
                                + "\\n");
                    }
                }
                """).service(DeploymentExporter.class, "org.example.Systemd").writeTo(pluginDir.resolve("a.jar"));
        try (Plugins plugins = Workspace.loadPlugins(pluginDir)) {
            BuildContext context = TestModels.images().context(recipe, "amd64");
            List<Path> files = DeploymentExport.write(folder, context, ExportedService.of(recipe, settings),
                    DeploymentExport.ContextFormat.TAR, plugins);

            assertThat(files).endsWith(folder.resolve("export-iris.service"));
            assertThat(Files.readString(folder.resolve("export-iris.service"))).isEqualTo("[Service]\n"
                    + "ExecStart=/usr/bin/docker run --rm -p 9090:8080 cairn/export-iris:4\n"
                    + "# health: /v2/health/ready model Export Iris v4\n");
        }

        // The name the bad exporter gives comes from a system property, so one jar tries them all.
        Path badDir = Files.createDirectories(pluginDir.resolve("bad"));
        PluginJars.builder().title("Escaper", "1.0").source("org.example.Escape", """
                package org.example;
                import dev.cairn.plugins.api.DeploymentExporter;
                import dev.cairn.plugins.api.ExportedDeployment;
                import java.util.Map;
                public class Escape implements DeploymentExporter {
                    public String targetName() { return "escape"; }
                    public Map<String, String> export(ExportedDeployment d) {
                        return Map.of(System.getProperty("cairn.test.export-name"), "x");
                    }
                }
                """).service(DeploymentExporter.class, "org.example.Escape").writeTo(badDir.resolve("b.jar"));
        Map<String, String> refused = Map.of(
                "../outside.txt", "names the file '../outside.txt': only plain file names",
                "sub/file.txt", "names the file 'sub/file.txt': only plain file names",
                "Dockerfile.", "names the file 'Dockerfile.': only plain file names", // Windows drops the dot
                "NUL.yml", "names the file 'NUL.yml': only plain file names", // a device on Windows
                "Docker-Compose.YML", "names the file Docker-Compose.YML, which is written already");
        try (Plugins plugins = Workspace.loadPlugins(badDir)) {
            BuildContext context = TestModels.images().context(recipe, "amd64");
            for (Map.Entry<String, String> name : refused.entrySet()) {
                System.setProperty("cairn.test.export-name", name.getKey());
                Path other = Files.createTempDirectory(pluginDir, "out");
                assertThatThrownBy(() -> DeploymentExport.write(other, context, ExportedService.of(recipe, settings),
                        DeploymentExport.ContextFormat.TAR, plugins)).as(name.getKey())
                        .isInstanceOf(DeployException.class)
                        .hasMessageStartingWith("The escape export of plugin Escaper 1.0 (b.jar) " + name.getValue());
                assertThat(pluginDir.resolve("outside.txt")).doesNotExist();
                assertThat(other.resolve(DeploymentExport.COMPOSE)).as("Cairn's own files are written").exists();
            }
        } finally {
            System.clearProperty("cairn.test.export-name");
        }
    }

    private List<Path> export(DeploymentExport.ContextFormat format) {
        BuildContext context = TestModels.images().context(recipe, "amd64");
        return DeploymentExport.write(folder, context, ExportedService.of(recipe, settings), format, Plugins.none());
    }

    private List<JsonNode> read(String file) throws IOException {
        try (var documents = YAML.readerFor(JsonNode.class).readValues(folder.resolve(file).toFile())) {
            return new ArrayList<>(documents.readAll().stream().map(JsonNode.class::cast).toList());
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> tarEntries(Path tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry entry = in.getNextTarEntry(); entry != null; entry = in.getNextTarEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
