package dev.cairn.core.registry;

import static dev.cairn.core.store.Jdbc.update;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Files kept by their SHA-256 under {@code artifacts/sha256/ab/abcdef...}: the same bytes are stored once,
 * a stored file is never changed, and a half-written file never takes a hash's name (it is written beside
 * and moved into place).
 */
public final class ContentStore {

    /** What a stored file is: its hash, size and where it lies. */
    public record StoredFile(String sha256, long sizeBytes, Path path, boolean alreadyStored) {
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Store store;
    private final Clock clock;

    public ContentStore(Path artifactsDir, Store store, Clock clock) {
        this.root = artifactsDir.resolve("sha256");
        this.store = store;
        this.clock = clock;
    }

    /** The stored file with this hash. */
    public Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 hex digest: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Copies {@code source} in, hashing it on the way; reports bytes copied to {@code progress}. */
    public StoredFile put(Path source, ProgressListener progress, Cancellation cancellation) {
        Path temp = null;
        try {
            Files.createDirectories(root);
            temp = Files.createTempFile(root, "incoming-", ".part");
            long size = Files.size(source);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                long copied = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    cancellation.throwIfCancelled();
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    copied += n;
                    progress.progress(copied, size, "Storing " + source.getFileName());
                }
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path target = path(sha256);
            boolean present = Files.exists(target);
            if (!present) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
                target.toFile().setReadOnly();
            }
            long stored = Files.size(target);
            store.inTransaction(connection -> update(connection, "MERGE INTO stored_file (sha256, size_bytes, stored_time) "
                    + "KEY (sha256) VALUES (?, ?, COALESCE((SELECT stored_time FROM stored_file WHERE sha256 = ?), ?))",
                    sha256, stored, sha256, clock.millis()));
            return new StoredFile(sha256, stored, target, present);
        } catch (IOException e) {
            throw new CairnException("Could not store " + source.getFileName() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A leftover .part file is harmless: nothing refers to it.
                }
            }
        }
    }
}
