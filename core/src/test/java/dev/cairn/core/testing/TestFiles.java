package dev.cairn.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes what a test wrote, so test runs leave no data directories behind. */
public final class TestFiles {

    private TestFiles() {
    }

    /**
     * Deletes a folder and everything in it. A file written while it runs (a background task or H2 finishing after
     * the workspace closed) makes a folder non-empty again: the walk is then repeated, a few times, before giving up.
     */
    public static void deleteRecursively(Path folder) {
        for (int attempt = 1; ; attempt++) {
            if (folder == null || !Files.exists(folder)) {
                return;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
                return;
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException raced) {
                if (attempt == 5) {
                    throw new UncheckedIOException(raced);
                }
                pause();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
