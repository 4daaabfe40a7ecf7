package dev.cairn.app.deploy;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.app.task.TaskHandle;
import dev.cairn.core.deploy.DeployServices;
import dev.cairn.core.deploy.DeploySettings;
import dev.cairn.core.deploy.DeployStrategy;
import dev.cairn.core.deploy.Deployer;
import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.deploy.DeploymentStatus;
import dev.cairn.core.deploy.ReadyProbe;
import dev.cairn.core.deploy.TrafficPolicy;
import dev.cairn.core.deploy.export.DeploymentExport;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.io.Folders;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.core.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Deployments section: every deployment with its live health, the actions on one (stop, start, remove,
 * redeploy, rollback to the version before) and its container's log, followed while it runs. Docker and HTTP work
 * runs in background tasks; the rows and the log change on the JavaFX thread.
 */
public final class DeploymentsViewModel {

    /** The most log lines kept in view; older ones drop off the top. */
    static final int LOG_LINES = 2000;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Function<String, DeployServices> servicesOnBase;
    private final Plugins plugins;
    private final String defaultBaseImage;
    // Kept: its image service caches the runtime jar's digest and the slimmed jar per platform (seconds of work).
    private final DeployServices defaultServices;
    private final Deployer deployer;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final Consumer<Runnable> fxThread;
    private final ReadyProbe probe = new ReadyProbe();
    private final ObservableList<DeploymentRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final javafx.beans.property.ObjectProperty<DeployAsk> deployAsked =
            new javafx.beans.property.SimpleObjectProperty<>();
    private final DoubleProperty deployProgress = new SimpleDoubleProperty(-1);
    private final StringProperty error = new SimpleStringProperty("");
    private TaskHandle following;

    /** A version someone asked to deploy from elsewhere (its page): the view opens its deploy dialog for it. */
    public record DeployAsk(String name, String version) {
    }

    /** Asks the view to open the deploy dialog for this version; call on the JavaFX thread. */
    public void askToDeploy(String name, String version) {
        deployAsked.set(new DeployAsk(name, version));
    }

    /** The pending ask, if any; the view clears it once it has shown the dialog. */
    public javafx.beans.property.ObjectProperty<DeployAsk> deployAsked() {
        return deployAsked;
    }

    /**
     * @param servicesOnBase the deploy services whose images build FROM a given base image
     * @param defaultBaseImage the base image offered first
     * @param plugins whose deployment exporters add files to an export
     * @param fxThread runs a change on the JavaFX thread ({@code Platform::runLater}); log lines arrive in batches
     */
    public DeploymentsViewModel(Function<String, DeployServices> servicesOnBase, String defaultBaseImage,
                                Plugins plugins, TaskExecutor tasks, Notifier notifier, Consumer<Runnable> fxThread) {
        this.servicesOnBase = servicesOnBase;
        this.defaultBaseImage = defaultBaseImage;
        this.plugins = plugins;
        this.defaultServices = servicesOnBase.apply(defaultBaseImage);
        this.deployer = defaultServices.deployer();
        this.tasks = tasks;
        this.notifier = notifier;
        this.fxThread = fxThread;
    }

    /** Reads the deployments and checks the health of the running ones. */
    public void refresh() {
        tasks.execute(BackgroundTask.of("Checking deployments", (progress, cancellation) -> {
            List<DeploymentRow> checked = new ArrayList<>();
            for (Deployment deployment : deployer.list()) {
                boolean running = deployment.status() == DeploymentStatus.RUNNING && deployment.url() != null;
                checked.add(new DeploymentRow(deployment, running ? health(deployment.url()) : ""));
            }
            return checked;
        }).onSuccess(rows::setAll).onError(Exception.class, e -> error.set("Cannot read the deployments: "
                + e.getMessage())));
    }

    private String health(String url) throws InterruptedException {
        return switch (probe.ask(url)) {
            case READY -> "ready";
            case NOT_READY -> "not ready";
            case UNREACHABLE -> "unreachable";
        };
    }

    public void stop(Deployment deployment) {
        act("Stopping " + deployment.reference(), progress -> deployer.stop(deployment.id()));
    }

    public void start(Deployment deployment) {
        act("Starting " + deployment.reference(), progress -> deployer.start(deployment.id(), READY_TIMEOUT));
    }

    public void remove(Deployment deployment) {
        act("Removing " + deployment.reference(), progress -> deployer.remove(deployment.id()));
    }

    public void redeploy(Deployment deployment) {
        act("Redeploying " + deployment.reference(), progress -> deployer.redeploy(deployment.id(), READY_TIMEOUT,
                progress));
    }

    /** Returns the deployment's model on its host to the version that served before. */
    public void rollback(Deployment deployment) {
        act("Rolling back " + deployment.modelName(), progress -> deployer.rollback(deployment.modelName(),
                deployment.host(), READY_TIMEOUT, progress));
    }

    /**
     * Deploys {@code name:version} to {@code host}, building on {@code baseImage} if the host lacks the image, showing
     * the build's output and each step in the log pane as they come and the build's step count as progress.
     */
    public void deploy(String name, String version, String host, DeployStrategy strategy, String baseImage) {
        Deployer onBase = servicesOn(baseImage).deployer();
        stopFollowing();
        log.clear();
        ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
        TrafficPolicy policy = TrafficPolicy.defaults().withPercent(strategy == DeployStrategy.AB ? 50 : 10);
        act("Deploying " + name + ":" + version, progress -> onBase.deploy(host, name, version,
                DeploySettings.defaults().withStrategy(strategy), policy, (done, total, message) -> {
                    progress.progress(done, total, message);
                    if (total > 0) {
                        fxThread.accept(() -> deployProgress.set((double) done / total));
                    }
                    queue(pending, message);
                }));
    }

    /**
     * Writes {@code name:version}'s build context and manifests into {@code folder} (relative to the home folder when
     * not absolute; {@code ~/} is the home folder), as {@code cairn deploy --export} does; the files written show in
     * the log pane. A folder that holds anything already is refused: an export never overwrites the user's files. An
     * export that fails part way removes what it wrote, so the same folder can be chosen again.
     */
    public void export(String name, String version, String baseImage, String arch, DeploymentExport.ContextFormat format,
                       String folder) {
        stopFollowing();
        error.set("");
        deployProgress.set(-1);
        String title = "Exporting " + name + ":" + version;
        tasks.execute(BackgroundTask.of(title, (progress, cancellation) -> {
            Path target = exportFolder(folder);
            boolean existed = Files.isDirectory(target);
            progress.progress(-1, -1, title + " to " + target);
            try {
                return DeploymentExport.writeVersion(servicesOn(baseImage), name, version,
                        DeploySettings.defaults(), arch, format, target, plugins);
            } catch (RuntimeException e) {
                removeWritten(target, existed);
                throw e;
            }
        }).busy(busy).onSuccess(written -> {
            Path target = written.folder();
            log.clear();
            log.add("Wrote the export of " + written.model().reference() + " (" + written.platform() + ", FROM "
                    + written.baseImage() + ") to " + target + ":");
            written.files().forEach(file -> log.add("  " + target.relativize(file)));
            log.add("Build the image with: " + written.buildCommand());
            log.add("Run it there with: docker compose up, docker stack deploy -c " + DeploymentExport.STACK
                    + " NAME, or kubectl apply -f " + DeploymentExport.KUBERNETES);
            notifier.info("Exported " + written.model().reference() + " to " + target + " ("
                    + written.files().size() + " files)");
        }).onError(Exception.class, e -> error.set(title + " failed: " + e.getMessage())));
    }

    /** The default base image's services, kept, or new ones building FROM {@code baseImage}. */
    private DeployServices servicesOn(String baseImage) {
        return baseImage.equals(defaultBaseImage) ? defaultServices : servicesOnBase.apply(baseImage);
    }

    /** The folder to export into, absolute; refused unless it is new or empty. */
    static Path exportFolder(String folder) {
        Path home = Path.of(System.getProperty("user.home"));
        String text = folder.strip();
        if (text.isEmpty()) {
            throw new CairnException("Give a folder to export into");
        }
        Path target;
        try {
            target = (text.equals("~") ? home : text.startsWith("~/") ? home.resolve(text.substring(2))
                    : home.resolve(text)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new CairnException("'" + text + "' is not a folder name: " + e.getReason());
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new CairnException(target + " is a file; choose a new or empty folder");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new CairnException(target + " is not empty; choose a new or empty folder, so no file of "
                            + "yours is overwritten");
                }
            } catch (IOException e) {
                throw new CairnException("Cannot look into " + target + " (" + e.getClass().getSimpleName()
                        + "); choose a folder you can write to", e);
            }
        }
        return target;
    }

    /** After a failed export: the folder as it was, gone if the export made it, empty if it was empty. */
    private static void removeWritten(Path target, boolean existed) {
        if (!existed) {
            Folders.deleteQuietly(target);
            return;
        }
        try (Stream<Path> entries = Files.list(target)) {
            entries.forEach(Folders::deleteQuietly);
        } catch (IOException e) {
            // What is left shows when the folder is chosen again; the export's own error says what went wrong.
        }
    }

    /** Shows the container's last lines, then new ones as they come, until {@link #stopFollowing()}. */
    public void follow(Deployment deployment) {
        stopFollowing();
        log.clear();
        ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
        following = tasks.execute(BackgroundTask.of("Following the log of " + deployment.reference(),
                (progress, cancellation) -> {
                    deployer.logs(deployment.id(), 200, true, line -> queue(pending, line), cancellation);
                    return null;
                }).onError(Exception.class, e -> log.add("[" + e.getMessage() + "]")));
    }

    public void stopFollowing() {
        if (following != null) {
            following.cancel();
            following = null;
        }
    }

    /** Lines can come by the thousand: they wait in a queue and one FX pulse takes each batch. */
    private void queue(ConcurrentLinkedQueue<String> pending, String line) {
        boolean first = pending.isEmpty();
        pending.add(line);
        if (first) {
            fxThread.accept(() -> drain(pending));
        }
    }

    private void drain(ConcurrentLinkedQueue<String> pending) {
        List<String> batch = new ArrayList<>();
        for (String line = pending.poll(); line != null; line = pending.poll()) {
            batch.add(line);
        }
        log.addAll(batch);
        if (log.size() > LOG_LINES) {
            log.remove(0, log.size() - LOG_LINES);
        }
    }

    /** A Docker action that may take a while; the rows are read again when it ends, however it ends. */
    private void act(String title, DeployAction action) {
        error.set("");
        deployProgress.set(-1);
        tasks.execute(BackgroundTask.of(title, (progress, cancellation) -> action.run(progress))
                .busy(busy)
                .onSuccess(result -> notifier.info(title + ": done (" + result.status().name()
                        .toLowerCase(java.util.Locale.ROOT) + ")"))
                .onError(Exception.class, e -> error.set(title + " failed: " + e.getMessage()))
                .andFinally(this::refresh));
    }

    @FunctionalInterface
    private interface DeployAction {
        Deployment run(ProgressListener progress) throws Exception;
    }

    /** The base image the deploy dialog offers first. */
    public String defaultBaseImage() {
        return defaultBaseImage;
    }

    public ObservableList<DeploymentRow> rows() {
        return rows;
    }

    /** The followed container's output, oldest first. */
    public ObservableList<String> log() {
        return log;
    }

    /** True while a stop, start, remove, redeploy or rollback runs. */
    public BooleanProperty busy() {
        return busy;
    }

    /** The running deploy's image build, 0 to 1 by its steps; -1 while unknown. */
    public DoubleProperty deployProgress() {
        return deployProgress;
    }

    /** The last failure, as a sentence; empty when none. */
    public StringProperty error() {
        return error;
    }
}
