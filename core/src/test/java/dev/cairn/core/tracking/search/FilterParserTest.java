package dev.cairn.core.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.search.Comparison.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    @Test
    void parsesEveryKindOfClause() {
        List<Comparison> clauses = FilterParser.parseFilter("metrics.rmse <= 0.5 and params.`learning rate` = '0.01' "
                + "AND tags.\"model class\" LIKE 'x%' AND attributes.status != \"FAILED\" AND run_id NOT IN ('a', 'b') "
                + "AND metric.train/loss > -1e-3 AND datasets.context = 'train'");
        assertThat(clauses).containsExactly(
                new Comparison(EntityType.METRIC, "rmse", "<=", 0.5),
                new Comparison(EntityType.PARAM, "learning rate", "=", "0.01"),
                new Comparison(EntityType.TAG, "model class", "LIKE", "x%"),
                new Comparison(EntityType.ATTRIBUTE, "status", "!=", "FAILED"),
                new Comparison(EntityType.ATTRIBUTE, "run_id", "NOT IN", List.of("a", "b")),
                new Comparison(EntityType.METRIC, "train/loss", ">", -1e-3),
                new Comparison(EntityType.DATASET, "context", "=", "train"));
    }

    @Test
    void quotesInsideValuesAreDoubled() {
        assertThat(FilterParser.parseFilter("tags.note = 'it''s'")).singleElement().extracting(Comparison::value).isEqualTo("it's");
    }

    @Test
    void emptyFilterMeansEverything() {
        assertThat(FilterParser.parseFilter("  ")).isEmpty();
        assertThat(FilterParser.parseFilter(null)).isEmpty();
    }

    @Test
    void errorsNameThePositionAndWhatWasExpected() {
        assertThatThrownBy(() -> FilterParser.parseFilter("metrics.rmse ~ 3"))
                .isInstanceOf(TrackingException.class)
                .hasMessageContaining("at position 13: expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN), found '~ 3'");
        assertThatThrownBy(() -> FilterParser.parseFilter("params.lr = 'open"))
                .hasMessageContaining("expected a closing '");
        assertThatThrownBy(() -> FilterParser.parseFilter("foo.bar = 1"))
                .hasMessageContaining("position 0: expected one of metrics., params., tags., attributes. or datasets.");
        assertThatThrownBy(() -> FilterParser.parseFilter("metrics.a = 1 OR metrics.b = 2"))
                .hasMessageContaining("position 14: expected AND or the end of the filter");
        assertThatThrownBy(() -> FilterParser.parseFilter("run_id IN 'a'"))
                .hasMessageContaining("expected '(' to start a list");
    }

    @Test
    void orderByEntries() {
        assertThat(FilterParser.parseOrderBy("metrics.rmse DESC")).isEqualTo(new OrderKey(EntityType.METRIC, "rmse", false));
        assertThat(FilterParser.parseOrderBy("params.`a b`")).isEqualTo(new OrderKey(EntityType.PARAM, "a b", true));
        assertThat(FilterParser.parseOrderBy("start_time asc")).isEqualTo(new OrderKey(EntityType.ATTRIBUTE, "start_time", true));
        assertThatThrownBy(() -> FilterParser.parseOrderBy("start_time UP")).hasMessageContaining("expected ASC, DESC");
    }
}
