package dev.cairn.runtime.cli;

import picocli.CommandLine.Option;

/** Where a server of the runtime listens and how it treats requests: the same for a model server and a router. */
final class ListenOptions {

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks one).")
    int port;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "32MB", converter = ByteSize.class,
            description = "Largest request body, e.g. 512KB, 32MB (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "On shutdown, wait "
            + "this long for requests in flight (default: ${DEFAULT-VALUE}).")
    long drainTimeout;
}
