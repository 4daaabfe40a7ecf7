package dev.cairn.samples.examples;

import java.util.List;
import java.util.Random;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;

/**
 * Trains a small logistic regression in plain Java and logs it into a running Cairn with MLflow's own Java client,
 * exactly as a training program would log to an MLflow server: an experiment, a run, its parameters, a loss and an
 * accuracy per epoch, tags, and the end status. Start Cairn's MLflow API first (the status bar's switch, or
 * {@code cairn server}), then:
 *
 * <pre>java -cp cairn-samples.jar dev.cairn.samples.examples.LogTrainingRun [http://127.0.0.1:5000]</pre>
 */
public final class LogTrainingRun {

    private static final int FEATURES = 4;
    private static final int ROWS = 400;

    private LogTrainingRun() {
    }

    public static void main(String[] args) {
        String uri = args.length > 0 ? args[0] : System.getenv().getOrDefault("MLFLOW_TRACKING_URI",
                "http://127.0.0.1:5000");
        String runId = train(new MlflowClient(uri), "java-client-example", 0.1, 60);
        System.out.println("Logged run " + runId + " to " + uri + "; open Experiments > java-client-example.");
    }

    /** Trains on seeded data and logs every epoch; returns the run's id. */
    static String train(MlflowClient client, String experimentName, double learningRate, int epochs) {
        String experimentId = client.getExperimentByName(experimentName)
                .map(experiment -> experiment.getExperimentId())
                .orElseGet(() -> client.createExperiment(experimentName));
        RunInfo run = client.createRun(experimentId);
        String runId = run.getRunId();
        client.setTag(runId, "mlflow.runName", "logreg-lr" + learningRate);
        client.setTag(runId, "mlflow.source.name", LogTrainingRun.class.getName());
        client.logBatch(runId, List.of(), List.of(param("learning_rate", learningRate), param("epochs", epochs),
                param("features", FEATURES)), List.of());

        Random random = new Random(7);
        double[][] x = new double[ROWS][FEATURES];
        int[] y = new int[ROWS];
        double[] truth = {1.5, -2.0, 0.7, 0.3};
        for (int i = 0; i < ROWS; i++) {
            double z = 0;
            for (int f = 0; f < FEATURES; f++) {
                x[i][f] = random.nextGaussian();
                z += truth[f] * x[i][f];
            }
            y[i] = z + random.nextGaussian() * 0.5 > 0 ? 1 : 0;
        }
        double[] weights = new double[FEATURES];
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                double[] gradient = new double[FEATURES];
                double loss = 0;
                int correct = 0;
                for (int i = 0; i < ROWS; i++) {
                    double z = 0;
                    for (int f = 0; f < FEATURES; f++) {
                        z += weights[f] * x[i][f];
                    }
                    double p = 1 / (1 + Math.exp(-z));
                    loss -= y[i] == 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
                    correct += (p >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
                    for (int f = 0; f < FEATURES; f++) {
                        gradient[f] += (p - y[i]) * x[i][f];
                    }
                }
                for (int f = 0; f < FEATURES; f++) {
                    weights[f] -= learningRate * gradient[f] / ROWS;
                }
                long now = System.currentTimeMillis();
                client.logBatch(runId, List.of(metric("loss", loss / ROWS, now, epoch),
                        metric("accuracy", (double) correct / ROWS, now, epoch)), List.of(), List.of());
            }
            client.setTerminated(runId, RunStatus.FINISHED);
        } catch (RuntimeException e) {
            client.setTerminated(runId, RunStatus.FAILED);
            throw e;
        }
        return runId;
    }

    private static Param param(String key, Object value) {
        return Param.newBuilder().setKey(key).setValue(String.valueOf(value)).build();
    }

    private static Metric metric(String key, double value, long timestamp, long step) {
        return Metric.newBuilder().setKey(key).setValue(value).setTimestamp(timestamp).setStep(step).build();
    }
}
