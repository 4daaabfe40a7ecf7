package dev.cairn.app.cli;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command's MODEL argument names: an {@code .onnx} file, or a registered {@code NAME:VERSION} (VERSION a
 * number or an alias such as {@code champion}) resolved to its file in Cairn's content store.
 *
 * @param name the registered name, or the file name for a plain file
 * @param version the version number, or null for a plain file
 */
record ModelReference(String name, String version, Path file) {

    private static final Pattern REGISTERED = Pattern.compile("^(.+):([A-Za-z0-9_\\-]+)$");

    /** Resolves the argument; the registry is opened (from {@code home}) only for NAME:VERSION. */
    static ModelReference resolve(String argument, Path home) {
        Path file = Path.of(argument);
        if (Files.isRegularFile(file)) {
            return new ModelReference(file.getFileName().toString(), null, file);
        }
        Matcher registered = REGISTERED.matcher(argument);
        if (!registered.matches()) {
            throw new CairnException("No model file at " + argument + " (a registered model is given as NAME:VERSION)");
        }
        String name = registered.group(1);
        String version = registered.group(2);
        LogSetup.useDataDirectory(home);
        try (Workspace workspace = Workspace.open(home)) {
            RegistryServices registry = RegistryServices.of(workspace, TrackingServices.of(workspace));
            ModelVersion found = version.chars().allMatch(Character::isDigit)
                    ? registry.registry().getVersion(name, Integer.parseInt(version))
                    : registry.registry().versionByAlias(name, version);
            if (found.provenance() == null) {
                throw new CairnException(found.name() + " version " + found.version() + " was registered over "
                        + "MLflow's API; its file is not in Cairn's store (source: " + found.source() + ")");
            }
            return new ModelReference(found.name(), Integer.toString(found.version()),
                    registry.files().path(found.provenance().sha256()));
        }
    }
}
