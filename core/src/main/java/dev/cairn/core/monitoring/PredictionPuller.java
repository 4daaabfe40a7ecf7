package dev.cairn.core.monitoring;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import java.net.URI;
import java.time.Instant;

/**
 * Pulls a server's prediction log into the {@link PredictionStore} incrementally: from the newest time stored, page by
 * page, each page stored in its own transaction so that a cancelled or failed pull keeps what it got.
 */
public final class PredictionPuller {

    /** Lines per request: large enough that a busy day takes few requests, small enough to hold in memory. */
    static final int PAGE = 5_000;

    /**
     * What a pull did.
     *
     * @param received lines the server sent (the boundary millisecond's lines come again on every pull)
     * @param added predictions stored for the first time
     * @param malformed lines skipped because they were not predictions
     * @param firstMalformed why the first of them was skipped, or null
     */
    public record PullResult(MonitoredSource source, long received, long added, long malformed, String firstMalformed) {
    }

    private final PredictionLogClient client;
    private final PredictionStore store;

    public PredictionPuller(PredictionLogClient client, PredictionStore store) {
        this.client = client;
        this.store = store;
    }

    /**
     * Pulls what {@code url} logged since the last pull of {@code sourceName} (everything the first time).
     *
     * @param deploymentId the deployment the URL belongs to, or null
     */
    public PullResult pull(String sourceName, String url, Long deploymentId, ProgressListener progress,
            Cancellation cancellation) {
        URI base = PredictionLogClient.baseUri(url);
        MonitoredSource source = store.source(sourceName, base.toString(), deploymentId);
        Instant since = source.lastTime();
        int limit = PAGE;
        long received = 0;
        long added = 0;
        long malformed = 0;
        String firstMalformed = null;
        while (true) {
            cancellation.throwIfCancelled();
            progress.progress(received, -1, "Pulling predictions from " + base + " (" + added + " new so far)");
            PredictionLogClient.Page page = client.fetch(base, since, limit, cancellation);
            int stored = store.add(sourceName, page.predictions());
            received += page.lines();
            added += stored;
            malformed += page.malformed();
            firstMalformed = firstMalformed == null ? page.firstMalformed() : firstMalformed;
            if (page.lines() < limit) {
                break;
            }
            Instant newest = page.predictions().stream().map(LoggedPrediction::time).max(Instant::compareTo)
                    .orElse(since);
            if (newest == null || newest.equals(since) && stored == 0) {
                // A full page within one millisecond (or of damaged lines): since= cannot move past it, so ask for more.
                limit = Math.multiplyExact(limit, 2);
            } else {
                since = newest;
                limit = PAGE;
            }
        }
        progress.progress(received, received, "Pulled " + added + " new predictions");
        return new PullResult(store.find(sourceName).orElseThrow(), received, added, malformed, firstMalformed);
    }
}
