package dev.cairn.runtime.router;

import java.net.URI;

/**
 * A model server the router forwards to.
 *
 * @param name what the route table, the stats and the metrics call it, e.g. {@code v3} or {@code green}
 * @param url its base address, e.g. {@code http://cairn-fraud-3:8080}
 * @param weight its share of the traffic against the others' weights; 0 takes none (a shadow, or drained)
 */
public record Upstream(String name, URI url, int weight) {

    public Upstream {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("An upstream name is 1 to 64 letters, digits, '.', '_' or '-' (got '"
                    + name + "')");
        }
        if (url == null || !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("Upstream " + name + " needs an http://HOST:PORT address (got " + url + ")");
        }
        if (weight < 0) {
            throw new IllegalArgumentException("Upstream " + name + " has a negative weight " + weight);
        }
    }
}
