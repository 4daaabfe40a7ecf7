package dev.cairn.core.workspace;

import java.nio.file.Path;
import java.util.Map;

/** Decides which data directory Cairn uses: {@code --home}, else {@code CAIRN_HOME}, else {@code ~/.cairn}. */
public final class DataDirectory {

    /** The environment variable that names the data directory when no {@code --home} is given. */
    public static final String ENVIRONMENT_VARIABLE = "CAIRN_HOME";

    private DataDirectory() {
    }

    /** Resolves the data directory for this process from its command line and environment. */
    public static Path resolve(Path explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Resolves the data directory from an explicit choice, the environment and the user's home.
     *
     * @param explicit the {@code --home} value, or null when none was given
     */
    public static Path resolve(Path explicit, Map<String, String> environment, String userHome) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath().normalize();
        }
        return Path.of(userHome, ".cairn").toAbsolutePath().normalize();
    }
}
