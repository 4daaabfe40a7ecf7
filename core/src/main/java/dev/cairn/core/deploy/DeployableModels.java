package dev.cairn.core.deploy;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.registry.ContentStore;
import dev.cairn.core.registry.ModelRegistry;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegisteredModel;
import dev.cairn.core.registry.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds registered model versions' files for deployment, and says whether a version is approved for production. */
public final class DeployableModels {

    private final ModelRegistry registry;
    private final ContentStore files;

    public DeployableModels(ModelRegistry registry, ContentStore files) {
        this.registry = registry;
        this.files = files;
    }

    /** The version {@code version} (a number, or an alias such as {@code champion}) of {@code name}. */
    public DeployableModel resolve(String name, String version) {
        ModelVersion found = version.chars().allMatch(Character::isDigit)
                ? registry.getVersion(name, Integer.parseInt(version))
                : registry.versionByAlias(name, version);
        if (found.provenance() == null) {
            throw new DeployException(found.name() + " version " + found.version() + " was registered over MLflow's "
                    + "API; its file is not in Cairn's store, so it cannot be packaged (source: " + found.source() + ")");
        }
        Path file = files.path(found.provenance().sha256());
        if (!Files.isRegularFile(file)) {
            throw new DeployException("The file of " + found.name() + " version " + found.version() + " is missing from "
                    + "the store (" + file + ")");
        }
        return new DeployableModel(found.name(), found.version(), found.provenance().sha256(), file);
    }

    /**
     * Why {@code model} may not go to a production host, or empty when it may: the registered model must have an
     * approver recorded in its governance fields and the version must be in the Production stage.
     */
    public Optional<String> productionRefusal(DeployableModel model) {
        ModelVersion version;
        RegisteredModel registered;
        try {
            version = registry.getVersion(model.name(), model.version());
            registered = registry.getModel(model.name());
        } catch (CairnException e) {
            return Optional.of(model.reference() + " is not a registered model version");
        }
        if (!model.sha256().equals(version.provenance() == null ? null : version.provenance().sha256())) {
            return Optional.of("the file to deploy is not the registered file of " + model.reference());
        }
        if (!registered.governance().approved()) {
            return Optional.of(model.name() + " has no approval recorded (set approved-by and its date in the model's "
                    + "governance fields)");
        }
        if (version.stage() != Stage.PRODUCTION) {
            return Optional.of(model.reference() + " is in stage " + version.stage().label() + ", not Production "
                    + "(move it to Production first)");
        }
        return Optional.empty();
    }
}
