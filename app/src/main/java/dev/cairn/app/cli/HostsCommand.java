package dev.cairn.app.cli;

import dev.cairn.core.deploy.DockerHost;
import dev.cairn.core.deploy.EngineInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn hosts add|list|test|remove}: the Docker engines Cairn deploys to. */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = {"Docker engines to deploy to: the local one and saved remote ones (tcp:// with TLS).",
            "For an engine behind SSH, open a tunnel to its socket and add the tunnel's local end (see the README)."},
        subcommands = {HostsCommand.Add.class, HostsCommand.ListHosts.class, HostsCommand.Test.class,
            HostsCommand.Remove.class})
final class HostsCommand implements Runnable {

    @ParentCommand
    CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code cairn hosts add NAME URL [--tls-dir DIR] [--production]}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Saves a Docker host (replacing one of the "
            + "same name) and tests the connection.")
    static final class Add implements Callable<Integer> {

        @ParentCommand
        private HostsCommand hosts;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "What to call it, e.g. gpu-box.")
        private String name;

        @Parameters(index = "1", paramLabel = "URL", description = "unix:///var/run/docker.sock or tcp://HOST:2376.")
        private String url;

        @Option(names = "--tls-dir", paramLabel = "DIR", description = "Folder with ca.pem, cert.pem and key.pem "
                + "(required for tcp:// beyond this machine).")
        private Path tlsDir;

        @Option(names = "--production", description = "Only approved versions (approver recorded, stage "
                + "Production) may be deployed to it.")
        private boolean production;

        @Override
        public Integer call() {
            try (DeployWorkspace workspace = new DeployWorkspace(hosts.parent, null)) {
                DockerHost host = workspace.services().hosts().add(name, url, tlsDir, production);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Saved host " + host.name() + " (" + host.url() + (host.tls() ? ", TLS" : "")
                        + (host.production() ? ", production" : "") + ")");
                out.println(workspace.services().hosts().test(host.name()).describe());
            }
            return 0;
        }
    }

    /** {@code cairn hosts list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the Docker hosts.")
    static final class ListHosts implements Callable<Integer> {

        @ParentCommand
        private HostsCommand hosts;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try (DeployWorkspace workspace = new DeployWorkspace(hosts.parent, null)) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-20s %-45s %-5s %s%n", "NAME", "URL", "TLS", "PRODUCTION");
                for (DockerHost host : workspace.services().hosts().list()) {
                    out.printf("%-20s %-45s %-5s %s%n", host.name(), host.url(), host.tls() ? "yes" : "no",
                            host.production() ? "yes" : "no");
                }
            }
            return 0;
        }
    }

    /** {@code cairn hosts test NAME|URL}. */
    @Command(name = "test", mixinStandardHelpOptions = true, description = "Connects and shows the engine's version, "
            + "API version, platform, CPUs and memory.")
    static final class Test implements Callable<Integer> {

        @ParentCommand
        private HostsCommand hosts;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "HOST", defaultValue = DockerHost.LOCAL_NAME, description = "A saved host's name or "
                + "an engine URL (default: ${DEFAULT-VALUE}).")
        private String host;

        @Override
        public Integer call() {
            try (DeployWorkspace workspace = new DeployWorkspace(hosts.parent, null)) {
                EngineInfo info = workspace.services().hosts().test(host);
                spec.commandLine().getOut().println(host + ": " + info.describe());
            }
            return 0;
        }
    }

    /** {@code cairn hosts remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Forgets a saved host (its containers "
            + "keep running).")
    static final class Remove implements Callable<Integer> {

        @ParentCommand
        private HostsCommand hosts;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        private String name;

        @Override
        public Integer call() {
            try (DeployWorkspace workspace = new DeployWorkspace(hosts.parent, null)) {
                if (!workspace.services().hosts().remove(name)) {
                    spec.commandLine().getErr().println("cairn: no saved host called '" + name + "'");
                    return 1;
                }
                spec.commandLine().getOut().println("Removed host " + name);
            }
            return 0;
        }
    }
}
