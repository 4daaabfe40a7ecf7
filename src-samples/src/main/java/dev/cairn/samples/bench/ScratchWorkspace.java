package dev.cairn.samples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary data directory for one harness run, deleted when the JVM exits (also on Ctrl+C):
 * an ingest run writes gigabytes, which must not pile up in /tmp.
 */
final class ScratchWorkspace {

    private ScratchWorkspace() {
    }

    static Path create(String prefix) throws IOException {
        Path home = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(home), "delete-" + prefix));
        return home;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
