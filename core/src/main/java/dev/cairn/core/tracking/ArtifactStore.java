package dev.cairn.core.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

    /** The longest file name the usual file systems (ext4, NTFS, APFS) allow, in bytes. */
    private static final int MAX_NAME_BYTES = 255;
    /** Deeper than any real artifact tree; a deeper one is an attack that would leave empty folders behind. */
    private static final int MAX_DEPTH = 128;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

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
        // MLflow's validate_path_is_safe refuses '#', backslashes, absolute paths and '..'; '+', ':' and '%' are
        // legal in names (a+b.txt, 10:00.txt, 50%.txt). On Windows a ':' would name a drive or an NTFS stream.
        if (relative.startsWith("/") || relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0
                || relative.indexOf('#') >= 0 || (WINDOWS && relative.indexOf(':') >= 0)) {
            throw new ArtifactPathException(relative);
        }
        String trimmed = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        String[] segments = trimmed.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            throw new ArtifactPathException(relative, "it is " + segments.length + " levels deep, more than the "
                    + MAX_DEPTH + " allowed");
        }
        for (String segment : segments) {
            // A name that decodes (once more, or again and again) to '.', '..' or a separator is refused, so that
            // nothing that decodes the path a second time can be led out of the root.
            String decoded = decodedFully(segment);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || decoded.equals(".")
                    || decoded.equals("..") || decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0
                    || decoded.indexOf('\0') >= 0) {
                throw new ArtifactPathException(relative);
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new ArtifactPathException(relative, "a name in it is longer than " + MAX_NAME_BYTES
                        + " bytes, the most a file system allows");
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
                files.add(entry(entry, base));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * One entry of a listing. A symbolic link is listed as what it leads to only when that stays inside {@code base}
     * (the run's folder); a link that leads out, or nowhere, is listed as a file without a size, never followed.
     */
    private static FileInfo entry(Path entry, Path base) throws IOException {
        String path = base.relativize(entry).toString().replace('\\', '/');
        if (!Files.isSymbolicLink(entry)) {
            boolean dir = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
            return new FileInfo(path, dir, dir ? null : Files.size(entry));
        }
        try {
            Path target = entry.toRealPath();
            if (target.startsWith(base.toRealPath())) {
                boolean dir = Files.isDirectory(target);
                return new FileInfo(path, dir, dir ? null : Files.size(target));
            }
        } catch (IOException dangling) {
            // listed below, like a link that leads out
        }
        return new FileInfo(path, false, null);
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

    /**
     * Percent-decodes until nothing changes (at most 10 rounds), leaving escapes that are not two hex digits as they
     * are: {@code %252e} becomes {@code .}, {@code 50%.txt} stays itself, and a '+' is never a space.
     */
    static String decodedFully(String segment) {
        String current = segment;
        for (int round = 0; round < 10 && current.indexOf('%') >= 0; round++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(current.length());
            for (int i = 0; i < current.length(); i++) {
                char c = current.charAt(i);
                int hi = c == '%' && i + 2 < current.length() ? Character.digit(current.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(current.charAt(i + 2), 16) : -1;
                if (lo >= 0) {
                    bytes.write(hi * 16 + lo);
                    i += 2;
                } else {
                    byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    bytes.write(encoded, 0, encoded.length);
                }
            }
            String next = bytes.toString(StandardCharsets.UTF_8);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
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
