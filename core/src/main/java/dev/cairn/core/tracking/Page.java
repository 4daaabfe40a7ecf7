package dev.cairn.core.tracking;

import java.util.List;

/** One page of results and the opaque token for the next, null on the last page. */
public record Page<T>(List<T> items, String nextPageToken) {

    public Page {
        items = List.copyOf(items);
    }
}
