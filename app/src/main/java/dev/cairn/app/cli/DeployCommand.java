package dev.cairn.app.cli;

import dev.cairn.core.deploy.DeployServices;
import dev.cairn.core.deploy.DeploySettings;
import dev.cairn.core.deploy.DeployStrategy;
import dev.cairn.core.deploy.DeployableModel;
import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.deploy.DockerHost;
import dev.cairn.core.deploy.ImageRecipe;
import dev.cairn.core.deploy.TrafficPolicy;
import dev.cairn.core.deploy.export.DeploymentExport;
import dev.cairn.core.error.CairnException;
import dev.cairn.runtime.cli.ByteSize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn deploy NAME:VERSION --host HOST}: builds the model's image on the host if needed and runs it. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploys a registered model version as a container on a Docker host: builds the image "
                + "(model + Cairn's runtime) when the host lacks it, starts it, and waits until it is healthy.",
            "A newer version takes over the model's port on the host; 'cairn deployments rollback' returns."})
final class DeployCommand implements Callable<Integer> {

    @ParentCommand
    private CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME:VERSION", description = "A registered model version (VERSION may be an alias).")
    private String model;

    @Option(names = "--host", defaultValue = DockerHost.LOCAL_NAME, description = "A saved host's name or an engine "
            + "URL such as unix:///var/run/docker.sock (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", description = "Host port to publish (default: the model's current port, else a free one).")
    private Integer port;

    @Option(names = "--strategy", defaultValue = "replace", description = "replace, blue-green, canary, shadow or ab "
            + "(default: ${DEFAULT-VALUE}). All but replace put the model behind its router, which keeps the port.")
    private String strategy;

    @Option(names = "--percent", paramLabel = "N", description = "canary: the new version's share of requests "
            + "(default 10); ab: its share of callers (default 50).")
    private Integer percent;

    @Option(names = "--observe", paramLabel = "SECONDS", defaultValue = "60", description = "canary, shadow, ab: how "
            + "long the router watches the new version before it takes all requests (default: ${DEFAULT-VALUE}).")
    private long observe;

    @Option(names = "--max-error-rate", paramLabel = "FRACTION", defaultValue = "0.01", description = "Roll back "
            + "when more of the new version's answers are errors (default: ${DEFAULT-VALUE}).")
    private double maxErrorRate;

    @Option(names = "--max-p99", paramLabel = "MS", description = "Roll back when the new version's P99 is over this "
            + "(default: over twice the old version's P99 plus 20 ms).")
    private Double maxP99;

    @Option(names = "--sticky-header", paramLabel = "HEADER", defaultValue = "X-User-Id", description = "ab: the "
            + "header whose value keeps a caller on one version (default: ${DEFAULT-VALUE}).")
    private String stickyHeader;

    @Option(names = "--cpus", description = "CPU limit, e.g. 1.5.")
    private Double cpus;

    @Option(names = "--memory", paramLabel = "SIZE", converter = ByteSize.class, description = "Memory limit, e.g. 512MB.")
    private Long memory;

    @Option(names = "--restart", defaultValue = "unless-stopped", description = "Docker restart policy (default: "
            + "${DEFAULT-VALUE}).")
    private String restart;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Environment variable for the container.")
    private Map<String, String> environment = Map.of();

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long the "
            + "container may take to become healthy (default: ${DEFAULT-VALUE}).")
    private long readyTimeout;

    @Option(names = "--base-image", paramLabel = "IMAGE", description = "Java 17+ image to build on (default: "
            + "$CAIRN_BASE_IMAGE, else eclipse-temurin:17-jre).")
    private String baseImage;

    @Option(names = "--export", paramLabel = "DIR", description = "Instead of deploying, write to DIR the image's "
            + "build context (Dockerfile, runtime, model) for 'docker build DIR', a docker-compose.yml, a Swarm stack "
            + "(docker-stack.yml), Kubernetes manifests (kubernetes.yml) and a KServe InferenceService. A path ending "
            + "in .tar gets only the build context as a tar.")
    private Path export;

    @Option(names = "--export-format", defaultValue = "folder", description = "With --export DIR: folder or tar "
            + "(the build context as DIR/build-context.tar) (default: ${DEFAULT-VALUE}).")
    private String exportFormat;

    @Option(names = "--arch", defaultValue = "amd64", description = "With --export: amd64 or arm64 (default: "
            + "${DEFAULT-VALUE}).")
    private String arch;

    @Override
    public Integer call() throws InterruptedException {
        int colon = model.lastIndexOf(':');
        if (colon <= 0 || colon == model.length() - 1) {
            throw new CairnException("Give the model as NAME:VERSION, e.g. fraud:3 or fraud:champion (got '" + model + "')");
        }
        String name = model.substring(0, colon);
        String version = model.substring(colon + 1);
        PrintWriter out = spec.commandLine().getOut();
        try (DeployWorkspace workspace = new DeployWorkspace(parent, baseImage)) {
            DeployServices services = workspace.services();
            DeployStrategy chosen = DeployStrategy.parse(strategy);
            DeploySettings settings = new DeploySettings(port, chosen, cpus, memory, restart,
                    environment, Duration.ofSeconds(readyTimeout));
            if (export != null) {
                return export(workspace, name, version, settings, out);
            }
            long start = System.nanoTime();
            Deployment deployment;
            try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
                deployment = services.deployer().deploy(host, name, version, settings, trafficPolicy(chosen), progress);
            }
            out.printf("Deployed %s to %s as deployment %d in %.1f s: %s (container %s, image %s)%n",
                    deployment.reference(), deployment.host(), deployment.id(), (System.nanoTime() - start) / 1e9,
                    deployment.url(), deployment.containerName(), deployment.image());
        }
        return 0;
    }

    private TrafficPolicy trafficPolicy(DeployStrategy chosen) {
        int share = percent != null ? percent : chosen == DeployStrategy.AB ? 50 : 10;
        return TrafficPolicy.defaults().withPercent(share).withObserve(Duration.ofSeconds(observe))
                .withGate(maxErrorRate, maxP99).withStickyHeader(stickyHeader);
    }

    private int export(DeployWorkspace workspace, String name, String version, DeploySettings settings,
                       PrintWriter out) {
        DeployServices services = workspace.services();
        if (export.getFileName() != null && export.getFileName().toString().endsWith(".tar")) {
            DeployableModel deployable = services.models().resolve(name, version);
            ImageRecipe recipe = services.images().recipe(deployable);
            DeploymentExport.writeTar(export, services.images().context(recipe, arch));
            out.println("Wrote the build context of " + deployable.reference() + " (linux/" + arch + ", FROM "
                    + services.images().baseImage() + ") to " + export + "; build it with: docker build -t "
                    + recipe.tag() + " - < " + export);
            return 0;
        }
        DeploymentExport.ContextFormat format = switch (exportFormat) {
            case "folder" -> DeploymentExport.ContextFormat.FOLDER;
            case "tar" -> DeploymentExport.ContextFormat.TAR;
            default -> throw new CairnException("--export-format is folder or tar (got '" + exportFormat + "')");
        };
        DeploymentExport.Written written = DeploymentExport.writeVersion(services, name, version, settings, arch,
                format, export, workspace.plugins());
        out.println("Wrote the export of " + written.model().reference() + " (" + written.platform() + ", FROM "
                + written.baseImage() + ") to " + written.folder() + ":");
        written.files().forEach(file -> out.println("  " + written.folder().relativize(file)));
        out.println("Build the image with: " + written.buildCommand());
        return 0;
    }
}
