package dev.cairn.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared test data ({@code ../shared/data} beside the project), found from any module's folder. */
public final class SharedData {

    private SharedData() {
    }

    /** {@code shared/data/<relative>}; fails with a clear message when the shared folder is absent. */
    public static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(relative);
            }
        }
        throw new IllegalStateException("No shared/data folder beside the project (looked upwards from "
                + Path.of("").toAbsolutePath() + ")");
    }

    public static Path model(String fileName) {
        return path("models/" + fileName);
    }
}
