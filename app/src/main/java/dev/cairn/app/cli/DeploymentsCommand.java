package dev.cairn.app.cli;

import dev.cairn.core.deploy.Deployer;
import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.deploy.DeploymentStatus;
import dev.cairn.core.deploy.DockerHost;
import dev.cairn.core.error.CairnException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cairn deployments list|logs|stop|start|remove|redeploy|rollback}: what Cairn runs on Docker hosts. */
@Command(name = "deployments", mixinStandardHelpOptions = true,
        description = {"Lists and manages deployments. A deployment is named by its number (see list), or by the "
                + "model NAME or NAME:VERSION on --host, meaning its newest deployment there."},
        subcommands = {DeploymentsCommand.ListDeployments.class, DeploymentsCommand.Logs.class,
            DeploymentsCommand.Stop.class, DeploymentsCommand.Start.class, DeploymentsCommand.Remove.class,
            DeploymentsCommand.Redeploy.class, DeploymentsCommand.Rollback.class})
final class DeploymentsCommand implements Runnable {

    @ParentCommand
    CairnCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The deployment a command acts on, and the host it is looked for on. */
    static final class Target {

        @Parameters(paramLabel = "DEPLOYMENT", description = "A deployment number, or NAME[:VERSION].")
        String target;

        @Option(names = "--host", defaultValue = DockerHost.LOCAL_NAME, description = "Host for NAME[:VERSION] "
                + "(default: ${DEFAULT-VALUE}).")
        String host;

        Deployment resolve(Deployer deployer, DeployWorkspace workspace) {
            if (target.chars().allMatch(Character::isDigit)) {
                return deployer.get(Long.parseLong(target));
            }
            int colon = target.lastIndexOf(':');
            String name = colon < 0 ? target : target.substring(0, colon);
            String version = colon < 0 ? null : target.substring(colon + 1);
            String hostName = workspace.services().hosts().resolve(host).name();
            return deployer.list().stream()
                    .filter(d -> d.modelName().equals(name) && d.host().equals(hostName))
                    .filter(d -> version == null || Integer.toString(d.modelVersion()).equals(version))
                    .filter(d -> d.status() != DeploymentStatus.FAILED && d.status() != DeploymentStatus.REMOVED)
                    .findFirst()
                    .orElseThrow(() -> new CairnException("No deployment of " + target + " on " + hostName
                            + " (see 'cairn deployments list')"));
        }
    }

    /** {@code cairn deployments list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists deployments, newest first.")
    static final class ListDeployments implements Callable<Integer> {

        @ParentCommand
        private DeploymentsCommand deployments;

        @Spec
        private CommandSpec spec;

        @Option(names = "--all", description = "Include failed, replaced and removed ones.")
        private boolean all;

        @Override
        public Integer call() {
            try (DeployWorkspace workspace = new DeployWorkspace(deployments.parent, null)) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-5s %-24s %-12s %-10s %-10s %-30s %s%n", "ID", "MODEL", "HOST", "STRATEGY", "STATUS", "URL",
                        "CREATED");
                for (Deployment d : workspace.services().deployer().list()) {
                    if (all || d.status() == DeploymentStatus.RUNNING || d.status() == DeploymentStatus.STOPPED
                            || d.status() == DeploymentStatus.DEPLOYING) {
                        out.printf("%-5d %-24s %-12s %-10s %-10s %-30s %s%n", d.id(), d.reference(), d.host(),
                                d.strategy().label(), d.status().name().toLowerCase(java.util.Locale.ROOT),
                                d.url() == null ? "-" : d.url(), Instant.ofEpochMilli(d.createdAt()));
                        if (d.failureReason() != null) {
                            out.println("      " + d.failureReason().lines().findFirst().orElse(""));
                        }
                    }
                }
            }
            return 0;
        }
    }

    /** {@code cairn deployments logs DEPLOYMENT [--tail N] [-f]}. */
    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Shows a deployment's container output.")
    static final class Logs implements Callable<Integer> {

        @ParentCommand
        private DeploymentsCommand deployments;

        @Spec
        private CommandSpec spec;

        @Mixin
        private Target target;

        @Option(names = "--tail", defaultValue = "100", description = "Lines from the end (default: ${DEFAULT-VALUE}).")
        private int tail;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
        private boolean follow;

        @Override
        public Integer call() throws InterruptedException {
            try (DeployWorkspace workspace = new DeployWorkspace(deployments.parent, null)) {
                Deployer deployer = workspace.services().deployer();
                PrintWriter out = spec.commandLine().getOut();
                deployer.logs(target.resolve(deployer, workspace).id(), tail, follow, line -> {
                    out.println(line);
                    out.flush();
                }, () -> false);
            }
            return 0;
        }
    }

    /** A subcommand that does one thing to one deployment and says what it did. */
    abstract static class DeploymentAction implements Callable<Integer> {

        @ParentCommand
        private DeploymentsCommand deployments;

        @Spec
        CommandSpec spec;

        @Mixin
        private Target target;

        /** Acts on deployment {@code id}; returns the line to print. */
        abstract String act(Deployer deployer, long id) throws InterruptedException;

        @Override
        public Integer call() throws InterruptedException {
            try (DeployWorkspace workspace = new DeployWorkspace(deployments.parent, null)) {
                Deployer deployer = workspace.services().deployer();
                spec.commandLine().getOut().println(act(deployer, target.resolve(deployer, workspace).id()));
            }
            return 0;
        }
    }

    /** {@code cairn deployments stop DEPLOYMENT}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops a deployment (it drains first).")
    static final class Stop extends DeploymentAction {

        @Override
        String act(Deployer deployer, long id) {
            Deployment stopped = deployer.stop(id);
            return "Stopped deployment " + stopped.id() + " (" + stopped.reference() + ")";
        }
    }

    /** {@code cairn deployments start DEPLOYMENT}. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts a stopped deployment again.")
    static final class Start extends DeploymentAction {

        @Override
        String act(Deployer deployer, long id) throws InterruptedException {
            Deployment started = deployer.start(id, Duration.ofMinutes(2));
            return "Started deployment " + started.id() + " (" + started.reference() + ") at " + started.url();
        }
    }

    /** {@code cairn deployments remove DEPLOYMENT}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a deployment's container.")
    static final class Remove extends DeploymentAction {

        @Override
        String act(Deployer deployer, long id) {
            Deployment removed = deployer.remove(id);
            return "Removed deployment " + removed.id() + " (" + removed.reference() + ")";
        }
    }

    /** {@code cairn deployments redeploy DEPLOYMENT}. */
    @Command(name = "redeploy", mixinStandardHelpOptions = true, description = "Deploys the same version again with "
            + "the settings it had (not its environment variables).")
    static final class Redeploy extends DeploymentAction {

        @Override
        String act(Deployer deployer, long id) throws InterruptedException {
            Deployment again;
            try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
                again = deployer.redeploy(id, Duration.ofMinutes(2), progress);
            }
            return "Redeployed " + again.reference() + " as deployment " + again.id() + ": " + again.url();
        }
    }

    /** {@code cairn deployments rollback NAME [--host HOST]}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Returns a model on a host to the "
            + "version that served before the current one.")
    static final class Rollback implements Callable<Integer> {

        @ParentCommand
        private DeploymentsCommand deployments;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NAME[:VERSION]", description = "The model (a version given is ignored: the "
                + "current one is rolled back).")
        private String model;

        @Option(names = "--host", defaultValue = DockerHost.LOCAL_NAME, description = "(default: ${DEFAULT-VALUE})")
        private String host;

        @Override
        public Integer call() throws InterruptedException {
            String name = model.contains(":") ? model.substring(0, model.lastIndexOf(':')) : model;
            try (DeployWorkspace workspace = new DeployWorkspace(deployments.parent, null)) {
                Deployment back;
                try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
                    back = workspace.services().deployer().rollback(name, host, Duration.ofMinutes(2), progress);
                }
                spec.commandLine().getOut().println("Rolled " + name + " back to version " + back.modelVersion()
                        + " (deployment " + back.id() + "): " + back.url());
            }
            return 0;
        }
    }
}
