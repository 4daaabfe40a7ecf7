package dev.cairn.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree chores. */
public final class Folders {

    private Folders() {
    }

    /**
     * Deletes a file or a folder with everything in it, best effort (links are deleted, not followed): for scratch and
     * partial copies, whose leftovers must not hide the failure that left them.
     */
    public static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException | UncheckedIOException e) {
            // Nothing more to do: what is left is scratch nobody reads.
        }
    }
}
