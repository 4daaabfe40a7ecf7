package dev.cairn.core.registry;

import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.time.Clock;

/** The registry services of one workspace, built together so the GUI, the CLI and the server share them. */
public record RegistryServices(ModelRegistry registry, ContentStore files, ModelRegistration registration) {

    public static RegistryServices of(Workspace workspace, TrackingServices tracking) {
        Clock clock = Clock.systemUTC();
        ModelRegistry registry = new ModelRegistry(workspace.store(), clock, System.getProperty("user.name", "unknown"));
        ContentStore files = new ContentStore(workspace.artifactsDir(), workspace.store(), clock);
        return new RegistryServices(registry, files,
                new ModelRegistration(registry, files, tracking.runs(), ModelRegistration.DEFAULT_MAX_BYTES,
                        new ModelImports(workspace.plugins(), workspace.home().resolve("tmp"))));
    }
}
