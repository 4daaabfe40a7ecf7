package dev.cairn.core.deploy.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cairn.core.deploy.BuildContext;
import dev.cairn.core.deploy.DeployException;
import dev.cairn.core.deploy.DeployServices;
import dev.cairn.core.deploy.DeploySettings;
import dev.cairn.core.deploy.DeployableModel;
import dev.cairn.core.deploy.ImageRecipe;
import dev.cairn.core.plugins.Plugins;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what CI and bigger setups need to run a model without Cairn: the image's build context (as files or one
 * tar) and next to it a compose file, a Swarm stack, Kubernetes manifests and a KServe InferenceService.
 */
public final class DeploymentExport {

    /** How the build context is written. */
    public enum ContextFormat { FOLDER, TAR }

    public static final String COMPOSE = "docker-compose.yml";
    public static final String STACK = "docker-stack.yml";
    public static final String KUBERNETES = "kubernetes.yml";
    public static final String KSERVE = "kserve-inferenceservice.yml";
    public static final String CONTEXT_TAR = "build-context.tar";

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private DeploymentExport() {
    }

    /**
     * Writes the context and the manifests under {@code folder} (created if missing) and returns the files written.
     * With the folder format the compose file also says {@code build: .}, so {@code docker compose up --build} works.
     * The plugins' deployment exporters write their files after Cairn's.
     */
    public static List<Path> write(Path folder, BuildContext context, ExportedService service, ContextFormat format,
            Plugins plugins) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            if (format == ContextFormat.TAR) {
                written.add(writeTar(folder.resolve(CONTEXT_TAR), context));
            } else {
                context.writeTo(folder);
                // Top-level entries only: native/ once, not each library in it.
                context.files().keySet().stream().map(name -> name.contains("/") ? name.substring(0, name.indexOf('/'))
                        : name).distinct().map(folder::resolve).forEach(written::add);
            }
            written.add(writeYaml(folder.resolve(COMPOSE),
                    List.of(ComposeFiles.compose(service, format == ContextFormat.FOLDER))));
            written.add(writeYaml(folder.resolve(STACK), List.of(ComposeFiles.swarmStack(service))));
            written.add(writeYaml(folder.resolve(KUBERNETES), List.of(KubernetesManifests.deployment(service),
                    KubernetesManifests.service(service))));
            written.add(writeYaml(folder.resolve(KSERVE), List.of(KubernetesManifests.inferenceService(service))));
            written.addAll(PluginExports.write(folder, service, plugins, written.stream()
                    .map(file -> file.getFileName().toString()).collect(java.util.stream.Collectors.toSet())));
        } catch (IOException e) {
            throw new DeployException("Cannot write the export to " + folder + ": " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * What {@link #writeVersion} wrote.
     *
     * @param folder where the files are
     * @param platform such as {@code linux/amd64}
     * @param buildCommand the {@code docker build} that makes the image from what was written
     */
    public record Written(DeployableModel model, Path folder, String platform, String baseImage, List<Path> files,
            String buildCommand) {
        public Written {
            files = List.copyOf(files);
        }
    }

    /**
     * Exports {@code name:version} (a version number or an alias) as {@link #write} does, for an engine of
     * architecture {@code dockerArch} ({@code amd64} or {@code arm64}): what {@code cairn deploy --export} and the
     * Deployments section's Export... write.
     */
    public static Written writeVersion(DeployServices services, String name, String version, DeploySettings settings,
            String dockerArch, ContextFormat format, Path folder, Plugins plugins) {
        DeployableModel model = services.models().resolve(name, version);
        ImageRecipe recipe = services.images().recipe(model);
        BuildContext context = services.images().context(recipe, dockerArch);
        List<Path> files = write(folder, context, ExportedService.of(recipe, settings), format, plugins);
        String build = "docker build -t " + recipe.tag() + " "
                + (format == ContextFormat.TAR ? "- < " + folder.resolve(CONTEXT_TAR) : folder.toString());
        return new Written(model, folder, "linux/" + dockerArch, services.images().baseImage(), files, build);
    }

    /** Writes only the build context, as a tar, to {@code file}, for {@code docker build - < file}. */
    public static Path writeTar(Path file, BuildContext context) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(file)) {
                context.writeTar(out);
            }
            return file;
        } catch (IOException e) {
            throw new DeployException("Cannot write the build context to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The objects as YAML, one document each (Kubernetes tools read a multi-document file). */
    public static String yaml(List<Map<String, Object>> documents) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> document : documents) {
            if (!text.isEmpty()) {
                text.append("---\n");
            }
            try {
                text.append(YAML.writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Maps of strings, numbers and lists always serialise", e);
            }
        }
        return text.toString();
    }

    private static Path writeYaml(Path file, List<Map<String, Object>> documents) throws IOException {
        Files.writeString(file, yaml(documents), StandardCharsets.UTF_8);
        return file;
    }
}
