package dev.cairn.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared test data ({@code ../shared/data} next to the project) from wherever the tests run: Surefire
 * runs in the module folder, an IDE often in the project root. {@code -Dcairn.shared.data=DIR} overrides.
 */
public final class SharedData {

    private static Path root;

    private SharedData() {
    }

    /** The {@code shared/data} folder; fails with a clear message when it cannot be found. */
    public static synchronized Path root() {
        if (root == null) {
            root = locate();
        }
        return root;
    }

    /** A path inside {@code shared/data}. */
    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    private static Path locate() {
        String override = System.getProperty("cairn.shared.data");
        if (override != null) {
            Path path = Path.of(override);
            if (Files.isDirectory(path)) {
                return path.toAbsolutePath();
            }
            throw new IllegalStateException("-Dcairn.shared.data=" + override + " is not a folder");
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("models")) || Files.isDirectory(candidate.resolve("onnx-node-tests"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Test data not found: no shared/data folder (with models/ or onnx-node-tests/) "
                + "in " + start + " or any folder above it. The tests read real ONNX files from ../shared/data next "
                + "to the project; check it out there or pass -Dcairn.shared.data=DIR.");
    }
}
