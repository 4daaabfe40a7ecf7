package dev.cairn.core.tracking;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The packed form of a run of points of one metric: all steps, then all timestamps, then all values,
 * little-endian, 24 bytes a point. Encoding and decoding are plain array copies.
 */
final class MetricChunk {

    static final int BYTES_PER_POINT = 3 * Long.BYTES;

    private MetricChunk() {
    }

    static byte[] encode(List<Metric> points) {
        int n = points.size();
        ByteBuffer buffer = ByteBuffer.allocate(n * BYTES_PER_POINT).order(ByteOrder.LITTLE_ENDIAN);
        for (Metric point : points) {
            buffer.putLong(point.step());
        }
        for (Metric point : points) {
            buffer.putLong(point.timestamp());
        }
        for (Metric point : points) {
            buffer.putDouble(point.value());
        }
        return buffer.array();
    }

    /**
     * Copies {@code take} points of a chunk of {@code count}, starting at its point {@code skip}, into the
     * arrays at index {@code at}.
     */
    static void decodeInto(byte[] packed, int count, int skip, long[] steps, long[] timestamps, double[] values, int at,
                           int take) {
        ByteBuffer buffer = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        int n = take;
        buffer.position(skip * Long.BYTES);
        buffer.asLongBuffer().get(steps, at, n);
        buffer.position((count + skip) * Long.BYTES);
        buffer.asLongBuffer().get(timestamps, at, n);
        buffer.position((2 * count + skip) * Long.BYTES);
        buffer.asDoubleBuffer().get(values, at, n);
    }
}
