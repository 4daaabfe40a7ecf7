package dev.cairn.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What keeps the database to its owner: the data directory and the lock file readable by the owner only, and the
 * database password, made once at random and kept in the data directory (owner only). Another user of the machine
 * can then neither read the AUTO_SERVER key in the lock file nor log in with it; on file systems without POSIX
 * permissions (Windows) the user's profile folder already keeps others out.
 */
final class OwnerOnly {

    static final String SECRET_FILE = "database.secret";

    private OwnerOnly() {
    }

    /** Restricts {@code path} to its owner (rwx for a folder, rw for a file) where the file system has POSIX modes. */
    static void restrict(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null || !Files.exists(path)) {
            return;
        }
        try {
            view.setPermissions(PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (IOException | SecurityException e) {
            // not ours to change (a shared folder): the password still guards the database
        }
    }

    /** The database password of {@code directory}: read, or made and written (owner only) by the first process. */
    static String secret(Path directory) throws IOException {
        Path file = directory.resolve(SECRET_FILE);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path partial = Files.createTempFile(directory, SECRET_FILE, ".partial");
            try {
                restrict(partial);
                Files.writeString(partial, made + "\n", StandardCharsets.US_ASCII);
                // Two processes starting at once: the first to link its file wins, the other reads it.
                Files.createLink(file, partial);
            } catch (FileAlreadyExistsException raced) {
                // read below
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (!Files.exists(file)) {
                    Files.move(partial, file);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        restrict(file);
        String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (secret.isEmpty()) {
            throw new IOException(file + " is empty; delete it and start Cairn again to make a new one");
        }
        return secret;
    }
}
