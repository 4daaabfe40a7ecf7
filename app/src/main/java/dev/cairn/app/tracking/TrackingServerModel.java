package dev.cairn.app.tracking;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.mlflow.MlflowServer;
import dev.cairn.core.settings.SettingStore;
import dev.cairn.core.registry.ModelRegistry;
import dev.cairn.core.tracking.TrackingServices;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Starts and stops the MLflow-compatible API inside the running app, so training scripts log into the
 * open workbench. Loopback by default; another address needs a token, generated if none is given.
 */
public final class TrackingServerModel implements AutoCloseable {

    private static final String HOST_SETTING = "server.host";
    private static final String PORT_SETTING = "server.port";

    private final TrackingServices tracking;
    private final ModelRegistry registry;
    private final SettingStore settings;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final StringProperty host = new SimpleStringProperty("127.0.0.1");
    private final IntegerProperty port = new SimpleIntegerProperty(5000);
    private final StringProperty token = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<MlflowServer> server = new SimpleObjectProperty<>();

    public TrackingServerModel(TrackingServices tracking, ModelRegistry registry, SettingStore settings, TaskExecutor tasks,
                               Notifier notifier) {
        this.tracking = tracking;
        this.registry = registry;
        this.settings = settings;
        this.tasks = tasks;
        this.notifier = notifier;
    }

    /** Reads the remembered address (in the background). */
    public void load() {
        tasks.execute(BackgroundTask.of("Reading server settings", (progress, cancellation) -> settings.getAll("server."))
                .onSuccess(stored -> {
                    host.set(stored.getOrDefault(HOST_SETTING, host.get()));
                    try {
                        port.set(Integer.parseInt(stored.getOrDefault(PORT_SETTING, Integer.toString(port.get()))));
                    } catch (NumberFormatException e) {
                        // keep the default port
                    }
                }));
    }

    /** Starts serving on the chosen address; a token is made up for any address beyond loopback. */
    public void start() {
        if (isRunning().get() || busy.get()) {
            return;
        }
        String chosenHost = host.get().isBlank() ? "127.0.0.1" : host.get().trim();
        int chosenPort = port.get();
        boolean remote = !MlflowServer.isLoopback(chosenHost);
        String chosenToken = remote ? (token.get().isBlank() ? MlflowServer.newToken() : token.get().trim()) : null;
        tasks.execute(BackgroundTask.of("Starting MLflow API", (progress, cancellation) -> {
            MlflowServer started = MlflowServer.start(tracking, registry, MlflowServer.Options.defaults()
                    .withAddress(chosenHost, chosenPort).withToken(chosenToken));
            settings.put(HOST_SETTING, chosenHost);
            settings.put(PORT_SETTING, Integer.toString(chosenPort));
            return started;
        }).busy(busy).onSuccess(started -> {
            server.set(started);
            token.set(chosenToken == null ? "" : chosenToken);
            notifier.info("MLflow API serving at " + started.uri()
                    + (remote ? " (reachable from other machines; clients need the token)" : ""));
        }));
    }

    /** Stops serving; requests in flight finish first. */
    public void stop() {
        MlflowServer running = server.get();
        if (running == null || busy.get()) {
            return;
        }
        tasks.execute(BackgroundTask.of("Stopping MLflow API", (progress, cancellation) -> {
            running.close();
            return running;
        }).busy(busy).onSuccess(stopped -> {
            server.set(null);
            notifier.info("MLflow API stopped.");
        }));
    }

    public void toggle() {
        if (server.get() == null) {
            start();
        } else {
            stop();
        }
    }

    public BooleanBinding isRunning() {
        return server.isNotNull();
    }

    /** The address clients use, e.g. {@code http://127.0.0.1:5000}, or empty when stopped. */
    public javafx.beans.binding.StringBinding uri() {
        return Bindings.createStringBinding(() -> server.get() == null ? "" : server.get().uri().toString(), server);
    }

    public ReadOnlyObjectProperty<MlflowServer> server() {
        return server;
    }

    public StringProperty host() {
        return host;
    }

    public IntegerProperty port() {
        return port;
    }

    public StringProperty token() {
        return token;
    }

    public BooleanProperty busy() {
        return busy;
    }

    /** Stops the server at exit; called off the JavaFX thread. */
    @Override
    public void close() {
        MlflowServer running = server.get();
        if (running != null) {
            running.close();
        }
    }
}
