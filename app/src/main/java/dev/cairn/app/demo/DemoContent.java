package dev.cairn.app.demo;

import dev.cairn.core.bench.BenchmarkListener;
import dev.cairn.core.bench.BenchmarkResult;
import dev.cairn.core.bench.BenchmarkRunner;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.bench.BenchmarkedModel;
import dev.cairn.core.bench.RunLimit;
import dev.cairn.core.drift.ColumnTyping;
import dev.cairn.core.drift.CsvTableReader;
import dev.cairn.core.drift.DatasetStore;
import dev.cairn.core.drift.DriftAnalysis;
import dev.cairn.core.drift.DriftOptions;
import dev.cairn.core.drift.DriftReport;
import dev.cairn.core.drift.DriftReportStore;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.registry.Governance;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.registry.Stage;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.RunStatus;
import dev.cairn.core.tracking.Tag;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Fills a workspace with realistic content so every view has something to show: two experiments (a hyper-parameter
 * search with nested trials and metric curves, and baselines), three registered models from small public ONNX files
 * shipped in the jar (stages, an alias, an approval), a benchmark of each, two registered datasets and their drift
 * report. Seeded, so two demos look alike; refuses a workspace that already has experiments with runs.
 */
public final class DemoContent {

    private static final String[] MODELS = {"tribuo_iris_lr.onnx", "skl_rf_iris_treeensemble_zipmap.onnx",
        "tribuo_cnn_mnist.onnx"};

    private final Workspace workspace;
    private final Clock clock;
    private final Random random = new Random(42);

    public DemoContent(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    /** What the demo made, for the command's summary. */
    public record Summary(int experiments, int runs, int modelVersions, int benchmarks, int datasets,
            boolean datasetDrift) {
    }

    /** Makes everything; reports each step. */
    public Summary fill(ProgressListener progress, Cancellation cancellation) {
        TrackingServices tracking = TrackingServices.of(workspace);
        if (tracking.experiments().search("name = 'iris-search'", dev.cairn.core.tracking.ViewType.ALL, 1,
                List.of(), null).items().size() > 0) {
            throw new CairnException("This workspace already has the demo (experiment iris-search); use a fresh --home");
        }
        progress.progress(0, 5, "Logging experiments and runs");
        int runs = experiments(tracking);
        cancellation.throwIfCancelled();
        progress.progress(1, 5, "Registering models");
        RegistryServices registry = RegistryServices.of(workspace, tracking);
        List<ModelVersion> versions = models(registry, tracking);
        cancellation.throwIfCancelled();
        progress.progress(2, 5, "Benchmarking models");
        int benchmarks = benchmarks(registry, versions, cancellation);
        progress.progress(3, 5, "Comparing datasets for drift");
        DriftReport report = drift();
        progress.progress(5, 5, "Done");
        return new Summary(2, runs, versions.size(), benchmarks, 2, report.datasetDrift());
    }

    /** A search with nested trials whose curves differ by learning rate, and three logistic-regression baselines. */
    private int experiments(TrackingServices tracking) {
        long now = clock.millis();
        String search = tracking.experiments().create("iris-search", null, Map.of("team", "fraud-ml"));
        long start = now - 3 * 86_400_000L;
        String parent = tracking.runs().create(search, "ana", "hyperopt-search", start,
                Map.of("mlflow.source.name", "train.py", "mlflow.note.content",
                        "Search over learning rate and depth; the best trial goes to the registry.")).info().runId();
        double[] rates = {0.003, 0.01, 0.03, 0.1, 0.3};
        int runs = 1;
        for (int trial = 0; trial < 12; trial++) {
            double rate = rates[trial % rates.length];
            int depth = 3 + trial % 4;
            long trialStart = start + (trial + 1) * 3_600_000L * 4;
            String run = tracking.runs().create(search, trial % 3 == 0 ? "ben" : "ana", "trial-" + trial, trialStart,
                    Map.of("mlflow.parentRunId", parent, "mlflow.source.name", "train.py")).info().runId();
            List<Metric> points = new ArrayList<>();
            double floor = 0.08 + Math.abs(Math.log10(rate / 0.03)) * 0.09 + random.nextDouble() * 0.04;
            for (int step = 0; step < 100; step++) {
                long at = trialStart + step * 15_000L;
                double train = floor + 1.0 * Math.exp(-step * rate * 2.5) + random.nextGaussian() * 0.01;
                double overfit = rate > 0.2 && step > 60 ? (step - 60) * 0.003 : 0;
                double val = train + 0.03 + overfit + random.nextGaussian() * 0.015;
                points.add(new Metric("train_loss", train, at, step));
                points.add(new Metric("val_loss", val, at, step));
                points.add(new Metric("val_accuracy", Math.max(0, Math.min(1, 1.02 - val * 0.9)), at, step));
            }
            tracking.log().logBatch(run, points, List.of(new Tag("learning_rate", String.valueOf(rate)),
                    new Tag("max_depth", String.valueOf(depth)), new Tag("optimizer", trial % 2 == 0 ? "adam" : "sgd")),
                    List.of());
            tracking.runs().update(run, RunStatus.FINISHED, trialStart + 100 * 15_000L, null);
            runs++;
        }
        tracking.runs().update(parent, RunStatus.FINISHED, start + 13 * 3_600_000L * 4, null);
        String baselines = tracking.experiments().create("churn-baselines", null, Map.of());
        for (int i = 0; i < 3; i++) {
            long at = now - (3 - i) * 7_200_000L;
            String run = tracking.runs().create(baselines, "ben", "logreg-C" + (i + 1), at,
                    Map.of("mlflow.source.name", "baseline.py")).info().runId();
            tracking.log().logBatch(run, List.of(new Metric("val_loss", 0.48 - i * 0.02, at, 0),
                    new Metric("val_auc", 0.74 + i * 0.015, at, 0)), List.of(new Tag("C", String.valueOf(i + 1))),
                    List.of());
            tracking.runs().update(run, RunStatus.FINISHED, at + 40_000, null);
            runs++;
        }
        return runs;
    }

    private List<ModelVersion> models(RegistryServices registry, TrackingServices tracking) {
        Path folder = workspace.home().resolve("demo");
        List<ModelVersion> versions = new ArrayList<>();
        String[] names = {"iris-lr", "iris-forest", "mnist-cnn"};
        for (int i = 0; i < MODELS.length; i++) {
            Path file = extract(folder, MODELS[i]);
            versions.add(registry.registration().register(file, names[i], null, "Demo model from " + MODELS[i],
                    ProgressListener.NONE, Cancellation.NEVER).version());
        }
        registry.registry().transitionStage("iris-lr", 1, Stage.PRODUCTION, false);
        registry.registry().setAlias("iris-lr", "champion", 1);
        registry.registry().transitionStage("iris-forest", 1, Stage.STAGING, false);
        registry.registry().updateGovernance("iris-lr", new Governance("fraud-ml team", "Flower species from four "
                + "measurements (demo)", "UCI Iris", "ana", clock.millis()));
        registry.registry().updateCard("iris-lr", """
                # iris-lr
                A linear model of the iris flowers, trained with Tribuo. **Demo content**: replace it with yours.

                - Inputs: sepal and petal length and width (cm)
                - Output: the probability of each of the three species
                """);
        return versions;
    }

    /** A short benchmark of each model: one thread, one second, so the dashboard and Benchmarks have figures. */
    private int benchmarks(RegistryServices registry, List<ModelVersion> versions, Cancellation cancellation) {
        BenchmarkStore store = new BenchmarkStore(workspace.store(), clock);
        BenchmarkSettings settings = BenchmarkSettings.defaults().withWarmup(RunLimit.ofRuns(50))
                .withMeasured(RunLimit.ofSeconds(1)).withThreads(1, 0);
        int done = 0;
        for (ModelVersion version : versions) {
            Path file = Path.of(java.net.URI.create(version.source()));
            BenchmarkResult result = new BenchmarkRunner().run(settings, file, BenchmarkListener.NONE, cancellation);
            store.save(new BenchmarkedModel(version.name(), version.version(), version.provenance().sha256(),
                    file.toString()), result);
            done++;
        }
        return done;
    }

    /**
     * Iris-like measurements: a reference sample and a current one whose flowers grew (petals most), registered and
     * compared: three of five columns drift, so the dataset does.
     */
    private DriftReport drift() {
        Path folder = workspace.home().resolve("demo");
        Path reference = write(folder.resolve("flowers-reference.csv"), 0.0);
        Path current = write(folder.resolve("flowers-current.csv"), 0.6);
        DatasetStore datasets = new DatasetStore(workspace.store(), clock);
        ColumnTyping.Pair pair = ColumnTyping.type(CsvTableReader.read(reference), CsvTableReader.read(current),
                Map.of(), Set.of());
        datasets.register("flowers-reference", pair.reference(), reference);
        datasets.register("flowers-current", pair.current(), current);
        DriftReport report = DriftAnalysis.compare(pair, DriftOptions.defaults(), ProgressListener.NONE,
                Cancellation.NEVER);
        new DriftReportStore(workspace.store(), clock).save(report);
        return report;
    }

    private Path write(Path file, double petalGrowth) {
        StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        String[] species = {"setosa", "versicolor", "virginica"};
        double[][] centres = {{5.0, 3.4, 1.5, 0.25}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};
        for (int i = 0; i < 600; i++) {
            int kind = random.nextInt(3);
            double[] c = centres[kind];
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f,%s%n",
                    c[0] + petalGrowth / 2 + random.nextGaussian() * 0.35, c[1] + random.nextGaussian() * 0.3, c[2] + petalGrowth + random.nextGaussian() * 0.4,
                    c[3] + petalGrowth / 2 + random.nextGaussian() * 0.2, species[kind]));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, csv);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo data " + file, e);
        }
    }

    private static Path extract(Path folder, String name) {
        try (InputStream in = DemoContent.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the demo model " + name + " is missing from the jar");
            }
            Files.createDirectories(folder);
            Path file = folder.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo model " + name + " to " + folder, e);
        }
    }
}
