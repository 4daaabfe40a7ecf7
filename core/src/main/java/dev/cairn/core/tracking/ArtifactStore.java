package dev.cairn.core.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file trees behind {@code mlflow-artifacts:/} URIs: {@code <root>/<experiment>/<run>/artifacts/...}.
 * Every path is confined to the root: '..', '.', empty, backslashed, absolute, still-encoded segments
 * and symbolic links that lead out are refused (the attack class of CVE-2023-1177 and CVE-2023-2780).
 */
public final class ArtifactStore {

    /** The URI scheme that clients send to Cairn's artifact proxy. */
    public static final String SCHEME = "mlflow-artifacts:";

    /** One entry of a listing; size is null for folders. */
    public record FileInfo(String path, boolean isDir, Long fileSize) {
    }

    private final Path root;

    public ArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * The file or folder a relative, already URL-decoded path names, checked to stay inside the root.
     *
     * @throws ArtifactPathException for any path that could leave it
     */
    public Path resolve(String relative) {
        if (relative == null || relative.isEmpty()) {
            return root;
        }
        if (relative.startsWith("/") || relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0
                || relative.contains(":")) {
            throw new ArtifactPathException(relative);
        }
        String trimmed = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        for (String segment : trimmed.split("/", -1)) {
            String decodedAgain = URLDecoder.decode(segment, StandardCharsets.UTF_8);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !decodedAgain.equals(segment)) {
                throw new ArtifactPathException(relative);
            }
        }
        Path resolved = root.resolve(trimmed).normalize();
        if (!resolved.startsWith(root) || leavesRootThroughLink(resolved)) {
            throw new ArtifactPathException(relative);
        }
        return resolved;
    }

    /** Lists a folder's direct entries, paths relative to {@code base} (the run's artifact root). */
    public List<FileInfo> list(String relative, Path base) {
        Path folder = resolve(relative);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<FileInfo> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted(Comparator.comparing(Path::toString)).toList()) {
                boolean dir = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
                files.add(new FileInfo(base.relativize(entry).toString().replace('\\', '/'), dir,
                        dir ? null : Files.size(entry)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * Writes a file from {@code content}, at most {@code maxBytes}; it appears whole or not at all.
     *
     * @return the bytes written
     */
    public long write(String relative, InputStream content, long maxBytes) throws IOException {
        Path target = resolve(relative);
        if (target.equals(root) || Files.isDirectory(target)) {
            throw new ArtifactPathException(relative);
        }
        Files.createDirectories(target.getParent());
        if (leavesRootThroughLink(target)) {
            throw new ArtifactPathException(relative);
        }
        Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
            long written = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(partial)) {
                for (int n; (n = content.read(buffer)) > 0; ) {
                    written += n;
                    if (written > maxBytes) {
                        throw new TrackingException(TrackingException.Kind.INVALID_PARAMETER,
                                "Artifact '" + relative + "' is larger than the limit of " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Deletes a file or a whole folder; NOT_FOUND if there is nothing there. */
    public void delete(String relative) throws IOException {
        Path target = resolve(relative);
        if (target.equals(root) || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw TrackingException.notFound("No artifact at '" + relative + "'");
        }
        try (Stream<Path> files = Files.walk(target)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Whether the deepest existing ancestor of {@code path} really lies outside the root (a link out). */
    private boolean leavesRootThroughLink(Path path) {
        try {
            Path existing = path;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return true;
            }
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            return !existing.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return true;
        }
    }
}
