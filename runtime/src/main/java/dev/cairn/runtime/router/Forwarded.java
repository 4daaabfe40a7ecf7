package dev.cairn.runtime.router;

import java.net.http.HttpHeaders;

/** An upstream's answer as the router passes it on: status, headers and the whole body. */
record Forwarded(int status, HttpHeaders headers, byte[] body) {
}
