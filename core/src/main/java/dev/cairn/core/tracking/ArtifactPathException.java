package dev.cairn.core.tracking;

/** An artifact path that would reach outside its root (traversal, absolute, encoded or through a link). */
public class ArtifactPathException extends TrackingException {

    private static final long serialVersionUID = 1L;

    public ArtifactPathException(String path) {
        this(path, "it must be a relative path inside the artifact root, without '..' or '.' segments (also "
                + "percent-encoded ones), empty segments, backslashes or '#'");
    }

    /** @param why what is wrong with it, e.g. "a name in it is longer than 255 bytes" */
    public ArtifactPathException(String path, String why) {
        super(Kind.INVALID_PARAMETER, "Invalid artifact path '" + shortened(path) + "': " + why);
    }

    /** A long path in full would make the message (and the log) as long as the attack. */
    private static String shortened(String path) {
        return path.length() <= 300 ? path : path.substring(0, 150) + "\u2026" + path.substring(path.length() - 100);
    }
}
