package dev.cairn.core.tracking;

/** An artifact path that would reach outside its root (traversal, absolute, encoded or through a link). */
public class ArtifactPathException extends TrackingException {

    private static final long serialVersionUID = 1L;

    public ArtifactPathException(String path) {
        super(Kind.INVALID_PARAMETER, "Invalid artifact path '" + path + "': it must be a relative path inside "
                + "the artifact root, without '..', '.', empty or encoded segments");
    }
}
