package dev.cairn.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * The project's test data: the {@code testdata/} folder at the root of the checkout, found from wherever a test runs
 * (Surefire runs in the module folder, an IDE often in the root). {@code -Dcairn.testdata=DIR} overrides.
 *
 * <p>A file kept compressed in the repository ({@code adult.csv.gz}, to stay under the 5 MB a file may have) is asked
 * for by its plain name and unpacked once into {@code testdata/target/unpacked/}.
 */
public final class TestData {

    private static final String MARKER = "MANIFEST.md";
    private static Path root;

    private TestData() {
    }

    /** The {@code testdata/} folder; fails with a clear message when there is none here or above. */
    public static synchronized Path root() {
        if (root == null) {
            root = locate();
        }
        return root;
    }

    /** {@code testdata/<relative>}, e.g. {@code datasets/penguins.csv}; fails when the project has no such file. */
    public static Path path(String relative) {
        Path file = root().resolve(relative);
        if (Files.exists(file)) {
            return file;
        }
        Path packed = root().resolve(relative + ".gz");
        if (Files.isRegularFile(packed)) {
            return unpacked(packed, relative);
        }
        throw new IllegalStateException("No test data " + relative + " in " + root()
                + " (MANIFEST.md there lists what the project keeps)");
    }

    /** {@code testdata/models/<fileName>}. */
    public static Path model(String fileName) {
        return path("models/" + fileName);
    }

    private static synchronized Path unpacked(Path packed, String relative) {
        Path target = root().resolve("target/unpacked").resolve(relative);
        try {
            if (Files.isRegularFile(target) && Files.getLastModifiedTime(target).compareTo(
                    Files.getLastModifiedTime(packed)) >= 0) {
                return target;
            }
            Files.createDirectories(target.getParent());
            // Unpack beside the target and move it in, so a test in another JVM never reads half a file.
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(packed), 1 << 16)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + packed + " into " + target, e);
        }
    }

    private static Path locate() {
        String override = System.getProperty("cairn.testdata");
        if (override != null) {
            Path path = Path.of(override).toAbsolutePath();
            if (Files.isRegularFile(path.resolve(MARKER))) {
                return path;
            }
            throw new IllegalStateException("-Dcairn.testdata=" + override + " is not a test-data folder (no "
                    + MARKER + ")");
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
            if (dir.getFileName() != null && dir.getFileName().toString().equals("testdata")
                    && Files.isRegularFile(dir.resolve(MARKER))) {
                return dir; // the testdata module's own tests
            }
        }
        throw new IllegalStateException("No testdata/ folder (with " + MARKER + ") in " + start
                + " or any folder above it; run the tests from the project's checkout, or pass -Dcairn.testdata=DIR");
    }
}
