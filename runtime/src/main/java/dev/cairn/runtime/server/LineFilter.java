package dev.cairn.runtime.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Copies prediction log lines whose time is at or after a given one, up to a number of lines, comparing the time
 * as text at the start of each line instead of parsing the JSON.
 */
final class LineFilter {

    private static final byte[] PREFIX = PredictionJson.LINE_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int TIME_LENGTH = "2026-11-23T10:15:30.123Z".length();

    private final byte[] since;
    private final OutputStream out;
    private final byte[] chunk = new byte[1 << 16];
    private byte[] pending = new byte[1 << 13];
    private int pendingLength;
    private long remaining;

    /**
     * @param since the earliest time in {@link PredictionJson#TIME} form, or null for all lines
     * @param limit the most lines to copy in all
     */
    LineFilter(String since, long limit, OutputStream out) {
        this.since = since == null ? null : since.getBytes(StandardCharsets.US_ASCII);
        this.remaining = limit;
        this.out = out;
    }

    /** Whether the limit is reached. */
    boolean full() {
        return remaining <= 0;
    }

    /**
     * Copies the matching lines among the first {@code length} bytes of {@code in}. A last line without its newline
     * is left out: the writer is still on it, and half a line is not JSON.
     */
    void copy(InputStream in, long length) throws IOException {
        pendingLength = 0;
        long left = length;
        while (left > 0 && remaining > 0) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (read < 0) {
                return;
            }
            left -= read;
            int start = 0;
            for (int i = 0; i < read && remaining > 0; i++) {
                if (chunk[i] == '\n') {
                    if (pendingLength > 0) {
                        keep(chunk, start, i - start);
                        emit(pending, 0, pendingLength);
                        pendingLength = 0;
                    } else {
                        emit(chunk, start, i - start);
                    }
                    start = i + 1;
                }
            }
            if (remaining > 0 && start < read) {
                keep(chunk, start, read - start);
            }
        }
    }

    private void keep(byte[] bytes, int offset, int length) {
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    private void emit(byte[] bytes, int offset, int length) throws IOException {
        if (matches(bytes, offset, length)) {
            out.write(bytes, offset, length);
            out.write('\n');
            remaining--;
        }
    }

    /** Lines not in the writer's form (which it never leaves behind) are skipped rather than passed on. */
    private boolean matches(byte[] bytes, int offset, int length) {
        int timeStart = offset + PREFIX.length;
        int timeEnd = timeStart + TIME_LENGTH;
        if (length <= PREFIX.length + TIME_LENGTH || bytes[timeEnd] != '"'
                || Arrays.compare(bytes, offset, timeStart, PREFIX, 0, PREFIX.length) != 0) {
            return false;
        }
        return since == null || Arrays.compare(bytes, timeStart, timeEnd, since, 0, since.length) >= 0;
    }
}
