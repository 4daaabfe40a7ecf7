package dev.cairn.app.cli;

import dev.cairn.core.deploy.DeployServices;
import dev.cairn.core.deploy.ImageRecipe;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;

/** The workspace and deploy services one deploy, deployments or hosts command works with. */
final class DeployWorkspace implements AutoCloseable {

    private final Workspace workspace;
    private final DeployServices services;

    /** @param baseImage the base for images built now, null for $CAIRN_BASE_IMAGE or eclipse-temurin:17-jre */
    DeployWorkspace(CairnCommand root, String baseImage) {
        LogSetup.useDataDirectory(root.home());
        workspace = Workspace.open(root.home());
        String base = baseImage != null ? baseImage
                : root.environment().getOrDefault("CAIRN_BASE_IMAGE", ImageRecipe.DEFAULT_BASE_IMAGE);
        services = DeployServices.of(workspace, RegistryServices.of(workspace, TrackingServices.of(workspace)),
                root.environment(), base);
    }

    DeployServices services() {
        return services;
    }

    Plugins plugins() {
        return workspace.plugins();
    }

    @Override
    public void close() {
        workspace.close();
    }
}
