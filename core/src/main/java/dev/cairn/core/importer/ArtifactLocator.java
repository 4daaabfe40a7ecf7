package dev.cairn.core.importer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the local folder behind an artifact URI of an imported store. A store copied from another machine names
 * folders that are not here ({@code file:///D:/work/mlruns/1/<run>/artifacts}, {@code mlflow-artifacts:/1/...}), so
 * after the URI itself the same path is looked for, from its longest tail to its last three segments, under the
 * artifacts root the user named, and beside the store ({@code mlartifacts/}, {@code mlruns/}, its own folder). What
 * is found nowhere is listed, so the summary can say which artifacts were left behind.
 */
final class ArtifactLocator {

    private final List<Path> roots = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    /** @param beside the folder the store is in; @param artifactsRoot a folder the user named, or null */
    ArtifactLocator(Path beside, Path artifactsRoot) {
        if (artifactsRoot != null) {
            roots.add(artifactsRoot);
        }
        if (beside != null) {
            roots.add(beside.resolve("mlartifacts"));
            roots.add(beside.resolve("mlruns"));
            roots.add(beside);
        }
    }

    /** The folder for {@code uri}, or null (then listed in {@link #missing()}) when it is not on this machine. */
    Path find(String uri) {
        if (uri == null || uri.isEmpty()) {
            return null;
        }
        String path = pathOf(uri);
        if (path == null) {
            missing.add(uri + " (not a local folder; its files stay where they are)");
            return null;
        }
        try {
            if (!uri.startsWith("mlflow-artifacts:") && Files.isDirectory(Path.of(path))) {
                return Path.of(path);
            }
        } catch (InvalidPathException e) {
            // another system's path: look for its tail below
        }
        String[] segments = path.replace('\\', '/').replaceAll("^/+|/+$", "").split("/+");
        for (int from = 0; from <= segments.length - Math.min(3, segments.length); from++) {
            String tail = String.join("/", java.util.Arrays.copyOfRange(segments, from, segments.length));
            for (Path root : roots) {
                try {
                    Path candidate = root.resolve(tail).normalize();
                    if (candidate.startsWith(root.normalize()) && Files.isDirectory(candidate)) {
                        return candidate;
                    }
                } catch (InvalidPathException e) {
                    // a segment this system cannot name (D:): try a shorter tail
                }
            }
        }
        missing.add(uri + " (looked for it under " + roots + "; name the folder with --artifacts-root)");
        return null;
    }

    /** The URIs whose folders were not found, each with where it was looked for. */
    List<String> missing() {
        return missing;
    }

    /** The path part of a file:, mlflow-artifacts: or plain path URI; null for remote schemes (s3:, gs:, ...). */
    private static String pathOf(String uri) {
        if (uri.startsWith("file:")) {
            try {
                URI parsed = URI.create(uri.replace('\\', '/').replace(" ", "%20"));
                // file:C:/x (no slashes, as MLflow writes on Windows) is an opaque URI: its path is the rest.
                return parsed.getPath() != null ? parsed.getPath() : parsed.getSchemeSpecificPart();
            } catch (IllegalArgumentException e) {
                return uri.substring("file:".length());
            }
        }
        if (uri.startsWith("mlflow-artifacts:")) {
            return uri.substring("mlflow-artifacts:".length()).replaceFirst("^//[^/]*", "");
        }
        if (uri.startsWith("/") || uri.matches("^[A-Za-z]:[/\\\\].*")) {
            return uri;
        }
        return uri.contains("://") || uri.matches("^[a-z][a-z0-9+.-]*:.*") ? null : uri;
    }
}
