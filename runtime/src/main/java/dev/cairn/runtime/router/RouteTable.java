package dev.cairn.runtime.router;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the router sends requests: upstreams with weights (one with all the weight for blue-green, a small share for a
 * canary), optionally one more that gets a mirror of every request (shadow), and optionally a header whose value
 * keeps a caller on one upstream (A/B).
 *
 * @param shadow the name of an upstream with weight 0 that gets a copy of each request, or null
 * @param stickyHeader a request header (e.g. {@code X-User-Id}) whose value's hash picks the upstream, or null for a
 *     random pick per request
 */
public record RouteTable(List<Upstream> upstreams, String shadow, String stickyHeader) {

    /** A request header naming an upstream, which then answers it whatever the weights: for tests and A/B tools. */
    public static final String VARIANT_HEADER = "X-Cairn-Variant";

    public RouteTable {
        upstreams = List.copyOf(upstreams);
        Set<String> names = new HashSet<>();
        for (Upstream upstream : upstreams) {
            if (!names.add(upstream.name())) {
                throw new IllegalArgumentException("Upstream " + upstream.name() + " is named twice");
            }
        }
        if (upstreams.stream().mapToInt(Upstream::weight).sum() <= 0) {
            throw new IllegalArgumentException("At least one upstream needs a weight above 0 (got " + upstreams + ")");
        }
        if (shadow != null && upstreams.stream().noneMatch(u -> u.name().equals(shadow) && u.weight() == 0)) {
            throw new IllegalArgumentException("The shadow " + shadow + " must be an upstream with weight 0");
        }
        if (stickyHeader != null && stickyHeader.isBlank()) {
            stickyHeader = null;
        }
    }

    /** Every request to {@code upstream}. */
    public static RouteTable single(Upstream upstream) {
        return new RouteTable(List.of(new Upstream(upstream.name(), upstream.url(), 1)), null, null);
    }

    public Optional<Upstream> upstream(String name) {
        return upstreams.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /**
     * The upstream that answers a request: the one {@code variant} names if any, else by {@code stickyKey}'s hash
     * (the same key always lands on the same upstream while the weights stay), else at random by weight.
     */
    public Upstream choose(String variant, String stickyKey) {
        if (variant != null) {
            Optional<Upstream> named = upstream(variant);
            if (named.isPresent()) {
                return named.get();
            }
        }
        int total = upstreams.stream().mapToInt(Upstream::weight).sum();
        int point = stickyKey != null ? Math.floorMod(mix(stickyKey.hashCode()), total)
                : ThreadLocalRandom.current().nextInt(total);
        for (Upstream upstream : upstreams) {
            point -= upstream.weight();
            if (point < 0) {
                return upstream;
            }
        }
        throw new IllegalStateException("weights sum to " + total);
    }

    /** Spreads String.hashCode's poor low bits (similar keys such as user-1, user-2 would cluster). */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
