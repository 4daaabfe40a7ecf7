package dev.cairn.core.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows, read in one go: tracking activity, each experiment's best value, the registry by stage,
 * deployments, the latest drift verdicts and the latest benchmark of each model.
 *
 * @param runsPerDay runs started on each of the last seven days, oldest first, today last
 * @param experiments the most recently active experiments, each with its primary metric's best value
 * @param versionsByStage registered model versions per stage (None, Staging, Production, Archived)
 * @param deployments the newest deployment of each model on each host
 * @param drift the newest drift comparisons, newest first
 * @param benchmarks the newest benchmark of each model, newest first
 */
public record WorkspaceOverview(long[] runsPerDay, List<ExperimentBest> experiments, int models,
        Map<String, Integer> versionsByStage, int aliases, List<DeploymentState> deployments,
        List<DriftVerdict> drift, List<BenchmarkFigure> benchmarks) {

    /**
     * An experiment's primary metric (the one most of its runs logged) and its best latest value over its runs.
     *
     * @param lowerIsBetter whether best means lowest (a loss or error, by its name)
     */
    public record ExperimentBest(String experiment, String metric, double best, boolean lowerIsBetter, int runs,
            long lastRunMillis) {
    }

    /** A model version on a host, as last recorded. */
    public record DeploymentState(long id, String model, int version, String host, String url, String status) {
    }

    /** One drift comparison's verdict. */
    public record DriftVerdict(String reference, String current, int drifted, int columns, boolean datasetDrift,
            long atMillis) {
    }

    /** A model's newest benchmark: tail latency and throughput. */
    public record BenchmarkFigure(String model, Integer version, double p99Millis, double inferencesPerSecond,
            long atMillis) {
    }

    /** Runs started over the seven days. */
    public long runsThisWeek() {
        long total = 0;
        for (long day : runsPerDay) {
            total += day;
        }
        return total;
    }

    /** Deployments whose container runs. */
    public long deploymentsUp() {
        return deployments.stream().filter(d -> d.status().equals("RUNNING")).count();
    }
}
