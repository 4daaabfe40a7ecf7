package dev.cairn.runtime.cli;

import dev.cairn.runtime.router.RouteTable;
import dev.cairn.runtime.router.Router;
import dev.cairn.runtime.router.Upstream;
import dev.cairn.runtime.server.ServerRun;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn-runtime router}: the same jar holding a public port in front of model servers. */
@Command(name = "router", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Forwards Open Inference Protocol and MLflow requests to model servers by weight (blue-green, "
                + "canary), mirrors them to a shadow, or keeps callers on one by a header (A/B).",
                "Routes change while it runs: PUT /router/routes on the admin port; GET /router/stats there and "
                + "/metrics on the public port say what it saw of each upstream."})
final class RouterCommand implements Callable<Integer> {

    @Option(names = "--route", required = true, paramLabel = "NAME=URL", description = "An upstream, e.g. "
            + "v3=http://cairn-fraud-3:8080 (repeatable).")
    Map<String, URI> routes = new LinkedHashMap<>();

    @Option(names = "--weight", paramLabel = "NAME=N", description = "An upstream's share against the others' "
            + "(default 1 each; 0 for a shadow).")
    Map<String, Integer> weights = new LinkedHashMap<>();

    @Option(names = "--shadow", paramLabel = "NAME", description = "An upstream of weight 0 that gets a copy of every "
            + "request; its answers are compared, never returned.")
    String shadow;

    @Option(names = "--sticky-header", paramLabel = "HEADER", description = "Pick the upstream by this header's hash "
            + "(e.g. X-User-Id), so a caller stays on one (A/B).")
    String stickyHeader;

    @Option(names = "--admin-port", defaultValue = "8081", description = "Admin API port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Longest wait for an "
            + "upstream's answer (default: ${DEFAULT-VALUE}).")
    long timeout;


    @CommandLine.Mixin
    ListenOptions listen = new ListenOptions();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        RouteTable table;
        try {
            List<Upstream> upstreams = routes.entrySet().stream().map(route -> new Upstream(route.getKey(),
                    route.getValue(), weights.getOrDefault(route.getKey(), route.getKey().equals(shadow) ? 0 : 1)))
                    .toList();
            table = new RouteTable(upstreams, shadow, stickyHeader);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintStream out = System.out;
        Router router;
        try {
            router = Router.start(listen.host, listen.port, adminPort, table, Duration.ofSeconds(timeout), listen.maxBody,
                    out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("cairn-runtime router: cannot listen on " + listen.host + ":" + listen.port
                    + " and " + adminPort + ": " + e.getMessage());
            return 1;
        }
        out.printf("cairn-router listening at %s (admin port %d); ready in %d ms%n", router.baseUri(),
                router.adminPort(), ServerRun.sinceJvmStart().toMillis());
        out.flush();
        String signal = ServerRun.awaitTermination();
        out.println(signal + ": finishing requests being forwarded (up to " + listen.drainTimeout + " s)");
        router.stop(Duration.ofSeconds(listen.drainTimeout));
        out.println("stopped");
        return 0;
    }
}
