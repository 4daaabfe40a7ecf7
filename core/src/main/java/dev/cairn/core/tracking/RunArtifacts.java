package dev.cairn.core.tracking;

import dev.cairn.core.io.Folders;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run's artifacts in the {@link ArtifactStore}: listing, locating and copying out files, with every path
 * relative to the run's own artifact folder and confined to it.
 */
public final class RunArtifacts {

    private final ArtifactStore store;
    private final String artifactUri;
    // The run's folder relative to the store root; null when its artifacts live elsewhere (e.g. an s3:// URI).
    private final String runRoot;

    private RunArtifacts(ArtifactStore store, String artifactUri, String runRoot) {
        this.store = store;
        this.artifactUri = artifactUri;
        this.runRoot = runRoot;
    }

    /** The artifacts of the run described by {@code info}. */
    public static RunArtifacts of(ArtifactStore store, RunInfo info) {
        return at(store, info.artifactUri());
    }

    /** The files under an artifact URI (a run's, or an MLflow 3 logged model's {@code .../models/<id>/artifacts}). */
    public static RunArtifacts at(ArtifactStore store, String artifactUri) {
        String uri = artifactUri == null ? "" : artifactUri;
        String root = uri.startsWith(ArtifactStore.SCHEME)
                ? uri.substring(ArtifactStore.SCHEME.length()).replaceFirst("^/+", "") : null;
        return new RunArtifacts(store, uri, root);
    }

    /** Whether the run's artifacts are kept in this workspace (otherwise nothing can be listed or read). */
    public boolean stored() {
        return runRoot != null;
    }

    public String uri() {
        return artifactUri;
    }

    /** The run's artifact folder on disk; throws for artifacts kept elsewhere. */
    public Path root() {
        return store.resolve(requireRoot());
    }

    /**
     * The direct entries of a folder, paths relative to the run's artifact root; empty when the folder does
     * not exist yet (a run that logged nothing) or the artifacts are kept elsewhere.
     */
    public List<ArtifactStore.FileInfo> list(String path) {
        if (runRoot == null) {
            return List.of();
        }
        return store.list(relative(path), root());
    }

    /**
     * The file or folder {@code path} names.
     *
     * @throws ArtifactPathException for any path that could leave the run's artifact folder
     */
    public Path file(String path) {
        return store.resolve(relative(path));
    }

    /**
     * Copies a file or a whole folder to {@code target}. It is written beside the target under a temporary name
     * and renamed when complete, so a failure or a cancellation leaves nothing half-written. An existing file is
     * replaced; an existing folder is refused. Symbolic links inside the tree are skipped, never followed.
     */
    public void copyTo(String path, Path target, ProgressListener progress, Cancellation cancellation)
            throws IOException {
        Path source = file(path);
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw TrackingException.notFound("No artifact at '" + path + "'");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        boolean folder = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
        if (folder && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a folder or file of that name is already there");
        }
        List<Path> files = filesUnder(source);
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        Path partial = folder ? Files.createTempDirectory(parent, ".cairn-download-")
                : Files.createTempFile(parent, ".cairn-download-", ".part");
        try {
            long[] done = {0};
            for (Path file : files) {
                Path destination = folder ? partial.resolve(source.relativize(file).toString()) : partial;
                Files.createDirectories(destination.getParent());
                copyBytes(file, destination, done, total, progress, cancellation);
            }
            if (folder) {
                createEmptyFolders(source, partial);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Folders.deleteQuietly(partial); // a partial copy has a hidden name and never becomes the target
        }
    }

    private String relative(String path) {
        String root = requireRoot();
        return path == null || path.isEmpty() ? root : root + "/" + path;
    }

    private String requireRoot() {
        if (runRoot == null) {
            throw new TrackingException(TrackingException.Kind.INVALID_STATE,
                    "This run's artifacts are not kept in this workspace: " + artifactUri);
        }
        return runRoot;
    }

    /** Regular files only: a link inside the tree could point anywhere on the disk. */
    private static List<Path> filesUnder(Path source) throws IOException {
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(source);
        }
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    private static void createEmptyFolders(Path source, Path copy) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path dir : walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.createDirectories(copy.resolve(source.relativize(dir).toString()));
            }
        }
    }

    private static void copyBytes(Path from, Path to, long[] done, long total, ProgressListener progress,
                                  Cancellation cancellation) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Files.newOutputStream(to)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                cancellation.throwIfCancelled();
                out.write(buffer, 0, n);
                done[0] += n;
                progress.progress(done[0], total, "Copying " + from.getFileName());
            }
        }
    }
}
