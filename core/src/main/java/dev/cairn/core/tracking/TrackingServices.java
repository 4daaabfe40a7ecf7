package dev.cairn.core.tracking;

import dev.cairn.core.workspace.Workspace;
import java.time.Clock;

/** The tracking services of one workspace, built together so the GUI, the CLI and the server share them. */
public record TrackingServices(ExperimentStore experiments, RunStore runs, RunLog log, LoggedModelStore loggedModels,
                               ModelLinks modelLinks, ArtifactStore artifacts) {

    public static TrackingServices of(Workspace workspace) {
        Clock clock = Clock.systemUTC();
        return new TrackingServices(new ExperimentStore(workspace.store(), clock), new RunStore(workspace.store(), clock),
                new RunLog(workspace.store()), new LoggedModelStore(workspace.store(), clock),
                new ModelLinks(workspace.store()), new ArtifactStore(workspace.runArtifactsDir()));
    }
}
