package dev.cairn.core.deploy;

import dev.cairn.core.progress.ProgressListener;
import dev.cairn.runtime.router.RouteTable;
import dev.cairn.runtime.router.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rolls a new version out behind the model's router, which keeps the public port the whole time: blue-green switches
 * the route once the new version is healthy, canary and A/B give it a share, shadow mirrors the traffic to it; the
 * router's view of the new version is judged by {@link CanaryGate} before it takes everything, and versions taken out
 * of the route stop only when the router has nothing left in flight to them.
 */
final class RoutedRollout {

    private static final Duration JUDGE_EVERY = Duration.ofMillis(500);
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final DockerEngine engine;
    private final DeploymentStore deployments;
    private final ProgressListener progress;
    private final Rollout rollout;
    private final RouterContainers routers;
    private final ModelContainers containers;
    private final ReadinessGate gate;

    RoutedRollout(DockerEngine engine, DeploymentStore deployments, ProgressListener progress) {
        this.engine = engine;
        this.deployments = deployments;
        this.progress = progress;
        this.rollout = new Rollout(engine, deployments, progress);
        this.routers = new RouterContainers(engine);
        this.containers = new ModelContainers(engine);
        this.gate = new ReadinessGate(engine);
    }

    void run(Deployment attempt, DeployableModel model, Integer port, DeploySettings settings, Deployment current,
             TrafficPolicy policy) throws InterruptedException {
        routers.ensureNetwork(model.name());
        String network = RouterContainers.network(model.name());
        ModelContainers.Started started = null;
        try {
            started = rollout.launch(attempt, model, null, settings, "", network);
            rollout.awaitReady(started, settings);
        } catch (InterruptedException | RuntimeException e) {
            rollout.discard(started);
            throw e;
        }
        Upstream fresh = RouterContainers.upstream(attempt, started.name(), 1);
        boolean keepOld = settings.strategy().triesBeforeSwitching()
                && current != null && current.status() == DeploymentStatus.RUNNING;
        RouterContainers.RunningRouter router;
        try {
            Optional<RouterContainers.RunningRouter> running = routers.running(model.name());
            router = running.isPresent() ? running.get()
                    : startRouter(attempt, model, port, settings, current, keepOld ? null : fresh);
        } catch (InterruptedException | RuntimeException e) {
            rollout.discard(started);
            throw e;
        }
        RouterControl control = new RouterControl(router.adminUrl());
        RouteTable before;
        try {
            before = control.routes();
        } catch (InterruptedException | RuntimeException e) {
            rollout.discard(started);
            throw e;
        }
        List<Upstream> old = before.upstreams().stream()
                .filter(u -> u.weight() > 0 && !u.name().equals(fresh.name())).toList();
        if (!old.isEmpty() && settings.strategy().triesBeforeSwitching()) {
            try {
                observe(control, trial(old, fresh, settings.strategy(), policy), fresh, policy);
            } catch (InterruptedException | RuntimeException e) {
                control.replace(before);
                control.awaitDrained(fresh.name(), DRAIN);
                rollout.discard(started);
                throw e;
            }
        }
        control.replace(RouteTable.single(fresh));
        progress.progress(-1, -1, attempt.reference() + " takes all requests at port " + router.port());
        retire(control, before.upstreams(), fresh, attempt);
        deployments.container(attempt.id(), started.id(), started.name());
        deployments.running(attempt.id(), router.port(), rollout.url(router.port()));
        progress.progress(1, 1, attempt.reference() + " serves at " + rollout.url(router.port()) + " through the router");
    }

    /**
     * The model's first routed rollout: the router takes the port from the version serving now. For a canary, A/B or
     * shadow that version must keep serving behind the router, so a twin of it starts on the network first. Clients
     * of the port see one gap while the router starts; later rollouts have none.
     */
    private RouterContainers.RunningRouter startRouter(Deployment attempt, DeployableModel model, Integer port,
            DeploySettings settings, Deployment current, Upstream fresh) throws InterruptedException {
        boolean currentRuns = current != null && current.status() == DeploymentStatus.RUNNING;
        Integer publicPort = port != null ? port : currentRuns ? current.port() : containers.freePort();
        Upstream first = fresh;
        ModelContainers.Started twin = null;
        if (first == null) {
            progress.progress(-1, -1, "Starting " + current.reference() + " again behind the router");
            twin = containers.start(current.image(), current.containerName() + "-routed", null, settings,
                    ModelContainers.labels(new DeployableModel(current.modelName(), current.modelVersion(),
                            current.modelSha256(), null), current.id()), RouterContainers.network(model.name()));
            try {
                rollout.awaitReady(twin, settings);
            } catch (InterruptedException | RuntimeException e) {
                rollout.discard(twin);
                throw e;
            }
            first = RouterContainers.upstream(current, twin.name(), 1);
        }
        if (currentRuns) {
            containers.stop(current.containerId());
        }
        RouterContainers.RunningRouter router;
        try {
            progress.progress(-1, -1, "Starting the router of " + model.name() + " on port " + publicPort);
            router = routers.start(model.name(), attempt.image(), publicPort, settings.restartPolicy(),
                    RouteTable.single(first));
            gate.await(router.id(), rollout.url(router.port()), settings.readyTimeout());
        } catch (InterruptedException | RuntimeException e) {
            routers.remove(model.name());
            rollout.discard(twin);
            if (currentRuns) {
                rollout.restore(current);
            }
            throw e;
        }
        if (currentRuns) {
            containers.remove(current.containerId());
            if (twin != null) {
                deployments.container(current.id(), twin.id(), twin.name());
                deployments.running(current.id(), router.port(), rollout.url(router.port()));
            }
        }
        return router;
    }

    /** The route table while the new version is tried: a weighted share, a sticky A/B split, or a mirror. */
    private static RouteTable trial(List<Upstream> old, Upstream fresh, DeployStrategy strategy, TrafficPolicy policy) {
        List<Upstream> upstreams = new ArrayList<>();
        int oldTotal = old.stream().mapToInt(Upstream::weight).sum();
        if (strategy == DeployStrategy.SHADOW) {
            upstreams.addAll(old);
            upstreams.add(new Upstream(fresh.name(), fresh.url(), 0));
            return new RouteTable(upstreams, fresh.name(), null);
        }
        // Old weights scaled to the old versions' share, in hundredths so a 10 % canary beside 3 old ones stays 10 %.
        for (Upstream upstream : old) {
            upstreams.add(new Upstream(upstream.name(), upstream.url(),
                    Math.max(1, upstream.weight() * (100 - policy.percent()) * 100 / oldTotal)));
        }
        upstreams.add(new Upstream(fresh.name(), fresh.url(), policy.percent() * 100));
        return new RouteTable(upstreams, null, strategy == DeployStrategy.AB ? policy.stickyHeader() : null);
    }

    private void observe(RouterControl control, RouteTable trial, Upstream fresh, TrafficPolicy policy)
            throws InterruptedException {
        control.replace(trial);
        progress.progress(-1, -1, "Trying " + fresh.name() + " for " + policy.observe().toSeconds() + " s: "
                + (trial.shadow() != null ? "a copy of every request" : policy.percent() + " % of requests"
                + (trial.stickyHeader() != null ? " by " + trial.stickyHeader() : "")));
        CanaryGate judge = new CanaryGate(policy);
        long end = System.nanoTime() + policy.observe().toNanos();
        while (true) {
            boolean ended = System.nanoTime() >= end;
            var stats = control.stats();
            RouterControl.UpstreamView oldView = trial.upstreams().stream()
                    .filter(u -> !u.name().equals(fresh.name())).map(u -> stats.get(u.name()))
                    .filter(Objects::nonNull).reduce(RoutedRollout::sum).orElse(null);
            Optional<String> verdict = judge.judge(stats.get(fresh.name()), oldView, ended);
            if (verdict.isPresent()) {
                throw new DeployException("Rolled back by the canary gate: " + verdict.get());
            }
            if (ended) {
                RouterControl.UpstreamView seen = stats.get(fresh.name());
                progress.progress(-1, -1, fresh.name() + " passed: " + (seen == null ? 0 : seen.requests())
                        + " requests, " + (seen == null ? 0 : seen.errors()) + " errors, P99 "
                        + (seen == null ? 0 : Math.round(seen.p99Millis())) + " ms");
                return;
            }
            Thread.sleep(JUDGE_EVERY.toMillis());
        }
    }

    /** Takes the versions that served before out: each stops once the router has nothing in flight to it. */
    private void retire(RouterControl control, List<Upstream> before, Upstream fresh, Deployment attempt)
            throws InterruptedException {
        for (Upstream upstream : before) {
            if (upstream.name().equals(fresh.name())) {
                continue;
            }
            control.awaitDrained(upstream.name(), DRAIN);
            Optional<Deployment> deployment = RouterContainers.deploymentId(upstream).flatMap(deployments::get);
            if (deployment.isPresent() && deployment.get().id() != attempt.id()) {
                if (deployment.get().containerId() != null) {
                    containers.remove(deployment.get().containerId());
                }
                deployments.status(deployment.get().id(), DeploymentStatus.REPLACED);
            }
        }
    }

    private static RouterControl.UpstreamView sum(RouterControl.UpstreamView a, RouterControl.UpstreamView b) {
        return new RouterControl.UpstreamView(a.requests() + b.requests(), a.errors() + b.errors(),
                a.clientErrors() + b.clientErrors(), a.inFlight() + b.inFlight(), Math.max(a.p99Millis(), b.p99Millis()));
    }
}
