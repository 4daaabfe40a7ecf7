package dev.cairn.runtime.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/** How a shadow's answers compared with the primary's for the same requests. */
public final class ShadowStats {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LongAdder same = new LongAdder();
    private final LongAdder different = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Compares two answers; the versions they name differ by design, so {@code model_version} is left out. */
    void compare(int primaryStatus, byte[] primaryBody, int shadowStatus, byte[] shadowBody) {
        if (shadowStatus >= 500) {
            failed.increment();
        } else if (primaryStatus == shadowStatus && sameContent(primaryBody, shadowBody)) {
            same.increment();
        } else {
            different.increment();
        }
    }

    void failed() {
        failed.increment();
    }

    public long same() {
        return same.sum();
    }

    public long different() {
        return different.sum();
    }

    public long failures() {
        return failed.sum();
    }

    private static boolean sameContent(byte[] a, byte[] b) {
        if (Arrays.equals(a, b)) {
            return true;
        }
        try {
            JsonNode left = JSON.readTree(a);
            JsonNode right = JSON.readTree(b);
            if (left instanceof ObjectNode l && right instanceof ObjectNode r) {
                l.remove("model_version");
                r.remove("model_version");
            }
            return left != null && left.equals(right);
        } catch (IOException e) {
            return false; // not JSON and not the same bytes
        }
    }
}
