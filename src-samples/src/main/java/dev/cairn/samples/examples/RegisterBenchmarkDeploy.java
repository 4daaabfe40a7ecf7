package dev.cairn.samples.examples;

import dev.cairn.core.bench.BenchmarkListener;
import dev.cairn.core.bench.BenchmarkResult;
import dev.cairn.core.bench.BenchmarkRunner;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.bench.BenchmarkedModel;
import dev.cairn.core.bench.RunLimit;
import dev.cairn.core.deploy.DeployException;
import dev.cairn.core.deploy.DeployServices;
import dev.cairn.core.deploy.DeploySettings;
import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.deploy.ImageRecipe;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.registry.ModelRegistration;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * A model's way from file to service through Cairn's Java API, as a CI job or a notebook would take it: register an
 * ONNX file (checked with ONNX Runtime, stored by SHA-256), benchmark the new version for two seconds (the result is
 * stored, as `cairn bench` stores it), then deploy it on the local Docker engine and print its URL. Without a
 * reachable engine it stops after the benchmark and says why.
 *
 * <pre>java -cp cairn-samples.jar dev.cairn.samples.examples.RegisterBenchmarkDeploy HOME MODEL.onnx NAME</pre>
 */
public final class RegisterBenchmarkDeploy {

    private RegisterBenchmarkDeploy() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: RegisterBenchmarkDeploy HOME MODEL.onnx NAME");
            System.exit(2);
        }
        try (Workspace workspace = Workspace.open(Path.of(args[0]))) {
            run(workspace, Path.of(args[1]), args[2]);
        }
    }

    static Deployment run(Workspace workspace, Path file, String name) throws InterruptedException {
        TrackingServices tracking = TrackingServices.of(workspace);
        RegistryServices registry = RegistryServices.of(workspace, tracking);
        ModelRegistration.Result registered = registry.registration().register(file, name, null,
                "Registered by the RegisterBenchmarkDeploy example", ProgressListener.NONE, Cancellation.NEVER);
        int version = registered.version().version();
        System.out.printf(Locale.ROOT, "%s %s version %d (sha256 %s)%n", registered.alreadyRegistered()
                ? "Already registered as" : "Registered", name, version, registered.version().provenance().sha256());

        BenchmarkSettings settings = BenchmarkSettings.defaults().withWarmup(RunLimit.ofRuns(100))
                .withMeasured(RunLimit.ofSeconds(2)).withThreads(1, 0);
        BenchmarkResult result = new BenchmarkRunner().run(settings, file, BenchmarkListener.NONE, Cancellation.NEVER);
        long id = new BenchmarkStore(workspace.store(), Clock.systemUTC()).save(new BenchmarkedModel(name, version,
                registered.version().provenance().sha256(), file.toAbsolutePath().toString()), result).id();
        System.out.printf(Locale.ROOT, "Benchmark %d: %,.0f inferences/s, P50 %.3f ms, P99 %.3f ms%n", id,
                result.inferencesPerSecond(), result.latency().p50Nanos() / 1e6, result.latency().p99Nanos() / 1e6);

        DeployServices deploy = DeployServices.of(workspace, registry, System.getenv(),
                System.getenv().getOrDefault("CAIRN_BASE_IMAGE", ImageRecipe.DEFAULT_BASE_IMAGE));
        try {
            Deployment deployment = deploy.deployer().deploy("local", name, String.valueOf(version),
                    DeploySettings.defaults(), ProgressListener.NONE);
            System.out.println("Deployed " + name + " v" + version + ": " + deployment.url()
                    + "/v2/models/" + name + "/infer");
            return deployment;
        } catch (DeployException e) {
            System.out.println("Not deployed: " + e.getMessage());
            return null;
        }
    }
}
