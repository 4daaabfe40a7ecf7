package dev.cairn.core.deploy;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.cairn.core.progress.ProgressListener;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds model images on a Docker host, or finds the one it already has for the same model file. */
public final class ModelImages {

    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) :");
    private static final long BUILD_TIMEOUT_MINUTES = 10;

    private final Supplier<RuntimeJar> runtimeJar;
    private final String baseImage;
    private final Clock clock;
    private final Map<String, byte[]> runtimeJars = new HashMap<>();
    private Optional<String> runtimeSha256;

    /** @param runtimeJar where the runtime jar is, asked only when an image must be built */
    public ModelImages(Supplier<RuntimeJar> runtimeJar, String baseImage, Clock clock) {
        this.runtimeJar = runtimeJar;
        this.baseImage = baseImage;
        this.clock = clock;
    }

    public String baseImage() {
        return baseImage;
    }

    /**
     * The image of {@code model} on the engine: the existing one when its labels name the same model file and
     * runtime and it sits on the current base image, else a new build.
     */
    public BuiltImage ensure(DockerEngine engine, DeployableModel model, ProgressListener progress) {
        ImageRecipe recipe = recipe(model);
        Optional<InspectImageResponse> base = inspect(engine, baseImage);
        Optional<InspectImageResponse> existing = inspect(engine, recipe.tag())
                .filter(image -> image.getConfig() != null && image.getConfig().getLabels() != null
                        && model.sha256().equals(image.getConfig().getLabels().get(Labels.MODEL_SHA256))
                        && (recipe.runtimeSha256() == null
                            || recipe.runtimeSha256().equals(image.getConfig().getLabels().get(Labels.RUNTIME_SHA256))))
                .filter(image -> base.isEmpty() || builtOn(image, base.get()));
        if (existing.isPresent()) {
            progress.progress(1, 1, "Image " + recipe.tag() + " is already on host " + engine.host().name());
            return described(engine, recipe.tag(), existing.get(), 0, true);
        }
        return build(engine, context(recipe, engine.info().arch()), recipe.tag(), progress);
    }

    /** The recipe for {@code model} on this service's base image. */
    public ImageRecipe recipe(DeployableModel model) {
        return new ImageRecipe(baseImage, model, Instant.now(clock).toString(), runtimeSha256().orElse(null));
    }

    /** The runtime jar's digest, empty when it cannot be found: an image on the host may still serve then. */
    private synchronized Optional<String> runtimeSha256() {
        if (runtimeSha256 == null) {
            try {
                runtimeSha256 = Optional.of(runtimeJar.get().sha256());
            } catch (DeployException e) {
                runtimeSha256 = Optional.empty();
            }
        }
        return runtimeSha256;
    }

    /** The build context for {@code recipe} on an engine of architecture {@code dockerArch}. */
    public synchronized BuildContext context(ImageRecipe recipe, String dockerArch) {
        return BuildContext.of(recipe, runtimeJars.computeIfAbsent(dockerArch, arch -> runtimeJar.get().forArchitecture(arch)));
    }

    /**
     * Builds {@code context} as {@code tag} with the classic builder, streaming its output to {@code progress}.
     *
     * @throws DeployException with the builder's error when the build fails
     */
    public BuiltImage build(DockerEngine engine, BuildContext context, String tag, ProgressListener progress) {
        long start = System.nanoTime();
        BuildImageResultCallback callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                report(item, progress);
                super.onNext(item);
            }
        };
        String imageId;
        try {
            imageId = engine.streamingClient().buildImageCmd()
                    .withTarInputStream(new ByteArrayInputStream(context.tar()))
                    .withTags(Set.of(tag))
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(callback)
                    .awaitImageId(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (DockerClientException | NotFoundException e) {
            throw new DeployException("Building image " + tag + " on host " + engine.host().name() + " failed: "
                    + DockerEngine.rootMessage(e) + baseImageHint(engine), e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return described(engine, tag, engine.client().inspectImageCmd(imageId).exec(), millis, false);
    }

    private String baseImageHint(DockerEngine engine) {
        return inspect(engine, baseImage).isPresent() ? "" : " (the base image " + baseImage + " is not on the host "
                + "and could not be pulled: load it there with docker load, or choose another base image)";
    }

    private BuiltImage described(DockerEngine engine, String tag, InspectImageResponse image, long buildMillis,
                                 boolean reused) {
        long baseSize = inspect(engine, baseImage).map(InspectImageResponse::getSize).orElse(0L);
        return new BuiltImage(tag, image.getId(), image.getSize(), baseSize, buildMillis, reused);
    }

    /** Whether the image's layers start with the base's: it was built on this base, not an older one of that name. */
    private static boolean builtOn(InspectImageResponse image, InspectImageResponse base) {
        List<String> layers = image.getRootFS() == null ? null : image.getRootFS().getLayers();
        List<String> baseLayers = base.getRootFS() == null ? null : base.getRootFS().getLayers();
        return layers != null && baseLayers != null && layers.size() >= baseLayers.size()
                && layers.subList(0, baseLayers.size()).equals(baseLayers);
    }

    private static Optional<InspectImageResponse> inspect(DockerEngine engine, String image) {
        try {
            return Optional.of(engine.client().inspectImageCmd(image).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static void report(BuildResponseItem item, ProgressListener progress) {
        String line = item.getStream() != null ? item.getStream().strip()
                : item.getErrorDetail() != null ? "error: " + item.getErrorDetail().getMessage() : null;
        if (line == null || line.isEmpty()) {
            return;
        }
        Matcher step = STEP.matcher(line);
        if (step.find()) {
            progress.progress(Long.parseLong(step.group(1)), Long.parseLong(step.group(2)), line);
        } else {
            progress.progress(-1, -1, line);
        }
    }
}
