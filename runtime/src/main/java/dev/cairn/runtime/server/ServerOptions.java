package dev.cairn.runtime.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a {@link ModelServer} listens and what it allows.
 *
 * @param host the address to bind ({@code 0.0.0.0} in a container, {@code 127.0.0.1} on a desktop)
 * @param port the TCP port; 0 picks a free one
 * @param inferenceThreads inferences run at once on the shared session; more admitted requests wait their turn
 * @param intraOpThreads ONNX Runtime threads per operator; 1 serves small models to many clients best
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param maxInflight requests admitted at once (reading, waiting, running, answering); beyond it 503
 * @param logDir where the prediction log goes; null turns it off
 * @param requestTimeout how long a client may take to send its request before the connection is closed
 * @param drainTimeout how long a shutdown waits for requests in flight
 */
public record ServerOptions(String host, int port, int inferenceThreads, int intraOpThreads, long maxBodyBytes,
        int maxInflight, Path logDir, Duration requestTimeout, Duration drainTimeout) {

    /** 32 MiB, enough for a batch of a few thousand MNIST images as JSON. */
    public static final long DEFAULT_MAX_BODY = 32L << 20;

    /** Checks the limits. */
    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (inferenceThreads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + inferenceThreads);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be 0 (ONNX Runtime's choice) or more, got "
                    + intraOpThreads);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body must be at least 1 byte, got " + maxBodyBytes);
        }
        if (maxInflight < 1) {
            throw new IllegalArgumentException("max in-flight must be at least 1, got " + maxInflight);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * Defaults: all interfaces, port 8080, 32 MiB bodies, 64 requests in flight, each free to run at once (see
     * {@link InferenceGate}), no log.
     */
    public static ServerOptions defaults() {
        return new ServerOptions("0.0.0.0", 8080, 64, 1, DEFAULT_MAX_BODY, 64, null, Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    /** A copy listening on another address and port. */
    public ServerOptions withAddress(String newHost, int newPort) {
        return new ServerOptions(newHost, newPort, inferenceThreads, intraOpThreads, maxBodyBytes, maxInflight, logDir,
                requestTimeout, drainTimeout);
    }

    /** A copy with other limits. */
    public ServerOptions withLimits(long newMaxBody, int newMaxInflight) {
        return new ServerOptions(host, port, inferenceThreads, intraOpThreads, newMaxBody, newMaxInflight, logDir,
                requestTimeout, drainTimeout);
    }

    /** A copy with other thread counts. */
    public ServerOptions withThreads(int newInferenceThreads, int newIntraOpThreads) {
        return new ServerOptions(host, port, newInferenceThreads, newIntraOpThreads, maxBodyBytes, maxInflight, logDir,
                requestTimeout, drainTimeout);
    }

    /** A copy writing its prediction log to {@code dir} (null: none). */
    public ServerOptions withLogDir(Path dir) {
        return new ServerOptions(host, port, inferenceThreads, intraOpThreads, maxBodyBytes, maxInflight, dir,
                requestTimeout, drainTimeout);
    }

    /** A copy with other timeouts. */
    public ServerOptions withTimeouts(Duration newRequestTimeout, Duration newDrainTimeout) {
        return new ServerOptions(host, port, inferenceThreads, intraOpThreads, maxBodyBytes, maxInflight, logDir,
                newRequestTimeout, newDrainTimeout);
    }
}
