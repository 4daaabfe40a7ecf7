package dev.cairn.runtime.router;

import java.util.List;
import java.util.Map;

/** An upstream's answer as the router passes it on: status, headers and the whole body. */
record Forwarded(int status, Map<String, List<String>> headers, byte[] body) {
}
