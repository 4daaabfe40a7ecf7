package dev.cairn.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshWorkspaceExtension.class)
class TrackingStoresTest {

    private ExperimentStore experiments;
    private RunStore runs;
    private RunLog log;

    @BeforeEach
    void stores(Workspace workspace) {
        experiments = new ExperimentStore(workspace.store(), Clock.systemUTC());
        runs = new RunStore(workspace.store(), Clock.systemUTC());
        log = new RunLog(workspace.store());
    }

    @Test
    void defaultExperimentExistsAndCannotBeDeleted() {
        assertThat(experiments.get("0").name()).isEqualTo("Default");
        assertThatThrownBy(() -> experiments.delete("0")).isInstanceOf(TrackingException.class)
                .extracting(e -> ((TrackingException) e).kind()).isEqualTo(TrackingException.Kind.INVALID_PARAMETER);
    }

    @Test
    void experimentNamesAreUniqueAndLookupsWork() {
        String id = experiments.create("churn", null, Map.of("team", "growth"));
        assertThat(experiments.getByName("churn").experimentId()).isEqualTo(id);
        assertThat(experiments.get(id).tags()).containsEntry("team", "growth");
        assertThat(experiments.get(id).artifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
        assertThatThrownBy(() -> experiments.create("churn", null, Map.of()))
                .extracting(e -> ((TrackingException) e).kind()).isEqualTo(TrackingException.Kind.ALREADY_EXISTS);
        assertThatThrownBy(() -> experiments.get("424242"))
                .extracting(e -> ((TrackingException) e).kind()).isEqualTo(TrackingException.Kind.NOT_FOUND);
    }

    @Test
    void deletingAnExperimentDeletesItsRunsAndRestoreBringsThemBack() {
        String id = experiments.create("temp", null, Map.of());
        Run run = runs.create(id, "ana", "r1", 1000L, Map.of());
        experiments.delete(id);
        assertThat(runs.get(run.info().runId()).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertThatThrownBy(() -> runs.create(id, "ana", null, null, Map.of()))
                .extracting(e -> ((TrackingException) e).kind()).isEqualTo(TrackingException.Kind.INVALID_STATE);
        experiments.restore(id);
        assertThat(runs.get(run.info().runId()).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    }

    @Test
    void runGetsANameAndTagsAndParamsAreWriteOnce() {
        Run run = runs.create("0", "ana", null, null, Map.of("mlflow.source.git.commit", "abc"));
        String id = run.info().runId();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(run.info().runName()).matches("[a-z]+-[a-z]+-\\d+");
        assertThat(run.tags()).containsEntry(RunStore.RUN_NAME_TAG, run.info().runName());

        log.logParam(id, "lr", "0.1");
        log.logParam(id, "lr", "0.1");
        assertThatThrownBy(() -> log.logParam(id, "lr", "0.2")).hasMessageContaining("Changing param values is not allowed");
        assertThat(runs.get(id).params()).containsExactly(Map.entry("lr", "0.1"));

        log.setTag(id, RunStore.RUN_NAME_TAG, "renamed");
        assertThat(runs.get(id).info().runName()).isEqualTo("renamed");
    }

    @Test
    void badBatchStoresNothing() {
        String id = runs.create("0", "ana", "r", null, Map.of()).info().runId();
        log.logParam(id, "lr", "0.1");
        List<Metric> metrics = List.of(new Metric("loss", 1.0, 1, 0), new Metric("loss", 0.5, 2, 1));
        assertThatThrownBy(() -> log.logBatch(id, metrics, List.of(new Tag("lr", "0.9")), List.of(new Tag("t", "v"))))
                .isInstanceOf(TrackingException.class);
        assertThatThrownBy(() -> log.logBatch(id, metrics, List.of(), List.of(new Tag("../evil", "v"))))
                .hasMessageContaining("normalized");
        Run run = runs.get(id);
        assertThat(run.latestMetrics()).isEmpty();
        assertThat(run.tags()).doesNotContainKey("t");
        assertThat(log.history(id, "loss", null, null).items()).isEmpty();
    }

    @Test
    void oversizedBatchIsRefused() {
        String id = runs.create("0", "ana", "r", null, Map.of()).info().runId();
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            metrics.add(new Metric("m", i, i, i));
        }
        assertThatThrownBy(() -> log.logBatch(id, metrics, List.of(), List.of())).hasMessageContaining("at most 1000 metrics");
    }

    @Test
    void metricsKeepFullHistoryAndTheLatestByStepThenTime() {
        String id = runs.create("0", "ana", "r", null, Map.of()).info().runId();
        log.logBatch(id, List.of(new Metric("loss", 3.0, 100, 0), new Metric("loss", Double.NaN, 90, 5),
                new Metric("loss", Double.NEGATIVE_INFINITY, 80, 2)), List.of(), List.of());
        log.logMetric(id, new Metric("loss", 9.0, 70, 1));
        assertThat(runs.get(id).latestMetrics()).singleElement()
                .satisfies(m -> assertThat(m.value()).isNaN()).extracting(Metric::step).isEqualTo(5L);
        Page<Metric> all = log.history(id, "loss", null, null);
        assertThat(all.items()).extracting(Metric::timestamp).containsExactly(100L, 90L, 80L, 70L);
        assertThat(all.items().get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        Page<Metric> first = log.history(id, "loss", 3, null);
        assertThat(first.items()).hasSize(3);
        assertThat(log.history(id, "loss", 3, first.nextPageToken()).items()).extracting(Metric::value).containsExactly(9.0);
    }

    @Test
    void seriesReadsTheHistoryAsArrays() {
        String id = runs.create("0", "ana", "r", null, Map.of()).info().runId();
        List<Metric> points = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            points.add(new Metric("loss", 1.0 / (i + 1), 1000 + i, i));
        }
        log.logBatch(id, points.subList(0, 1000), List.of(), List.of());
        log.logBatch(id, points.subList(1000, 2000), List.of(), List.of());
        log.logBatch(id, points.subList(2000, 3000), List.of(), List.of());
        MetricSeries series = log.series(id, "loss");
        assertThat(series.size()).isEqualTo(3000);
        assertThat(series.steps()[2999]).isEqualTo(2999);
        assertThat(series.timestamps()[0]).isEqualTo(1000);
        assertThat(series.values()[1]).isEqualTo(0.5);
        assertThat(log.series(id, "nothing").size()).isZero();
    }

    @Test
    void loggingToADeletedRunIsRefused() {
        String id = runs.create("0", "ana", "r", null, Map.of()).info().runId();
        runs.delete(id);
        assertThatThrownBy(() -> log.logMetric(id, new Metric("m", 1, 1, 0))).hasMessageContaining("'active' state");
        runs.restore(id);
        log.logMetric(id, new Metric("m", 1, 1, 0));
    }

    @Test
    void searchFiltersOrdersAndPagesInSql() {
        String exp = experiments.create("search", null, Map.of());
        for (int i = 0; i < 7; i++) {
            String id = runs.create(exp, "ana", "run-" + i, 1000L + i, Map.of("kind", i % 2 == 0 ? "even" : "odd")).info().runId();
            log.logBatch(id, List.of(new Metric("rmse", 10 - i, 1, 0)), List.of(new Tag("depth", Integer.toString(i))), List.of());
        }
        runs.create(exp, "ana", "no-metric", 5000L, Map.of());

        Page<Run> filtered = runs.search(List.of(exp), "metrics.rmse <= 8 AND tags.kind = 'even'", ViewType.ACTIVE_ONLY,
                null, List.of("metrics.rmse ASC"), null);
        assertThat(filtered.items()).extracting(r -> r.info().runName()).containsExactly("run-6", "run-4", "run-2");

        Page<Run> firstPage = runs.search(List.of(exp), "", ViewType.ACTIVE_ONLY, 3, List.of("metrics.rmse DESC"), null);
        assertThat(firstPage.items()).extracting(r -> r.info().runName()).containsExactly("run-0", "run-1", "run-2");
        Page<Run> lastPage = runs.search(List.of(exp), "", ViewType.ACTIVE_ONLY, 3, List.of("metrics.rmse DESC"),
                runs.search(List.of(exp), "", ViewType.ACTIVE_ONLY, 3, List.of("metrics.rmse DESC"), firstPage.nextPageToken())
                        .nextPageToken());
        assertThat(lastPage.items()).extracting(r -> r.info().runName()).containsExactly("run-6", "no-metric");
        assertThat(lastPage.nextPageToken()).isNull();

        assertThatThrownBy(() -> runs.search(List.of(exp), "params.depth LIKE '1%' OR x", ViewType.ALL, null, null, null))
                .hasMessageContaining("at position 23: expected AND or the end of the filter");
    }

    @Test
    void searchSupportsAttributesInListsAndCaseInsensitiveLike() {
        String exp = experiments.create("attrs", null, Map.of());
        Run a = runs.create(exp, "ana", "Alpha", 1L, Map.of());
        Run b = runs.create(exp, "bob", "beta", 2L, Map.of());
        runs.update(b.info().runId(), RunStatus.FINISHED, 10L, null);
        assertThat(runs.search(List.of(exp), "attributes.status = 'FINISHED'", ViewType.ACTIVE_ONLY, null, null, null).items())
                .extracting(r -> r.info().runId()).containsExactly(b.info().runId());
        assertThat(runs.search(List.of(exp), "run_name ILIKE 'al%'", ViewType.ACTIVE_ONLY, null, null, null).items())
                .extracting(r -> r.info().runId()).containsExactly(a.info().runId());
        assertThat(runs.search(List.of(exp), "attributes.run_id IN ('" + a.info().runId() + "', 'x')", ViewType.ACTIVE_ONLY,
                null, null, null).items()).hasSize(1);
        assertThat(runs.search(List.of(exp), "start_time >= 2", ViewType.ACTIVE_ONLY, null, null, null).items()).hasSize(1);
    }
}
