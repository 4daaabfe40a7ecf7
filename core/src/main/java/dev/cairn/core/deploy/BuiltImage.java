package dev.cairn.core.deploy;

/**
 * A model image on a host, with what it cost.
 *
 * @param sizeBytes the image's size as the engine reports it, base included
 * @param baseSizeBytes the base image's size, so {@link #addedBytes} is what Cairn put on top
 * @param buildMillis how long the build took; 0 when the host already had the image
 */
public record BuiltImage(String tag, String imageId, long sizeBytes, long baseSizeBytes, long buildMillis,
                         boolean reused) {

    /** The bytes of the layers Cairn added over the base image. */
    public long addedBytes() {
        return sizeBytes - baseSizeBytes;
    }
}
