package dev.cairn.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every test's statistic and p-value or distance on real splits, against scipy-reference.json (written by
 * core/src/test/python/drift_reference.py from numpy/scipy following Evidently's sources).
 *
 * <p>Agreement is to 1e-9 relative, or 1e-15 absolute for values near 0. One looser case: Evidently's asymptotic
 * Cramér-von Mises p-value is 1 − a CDF near 1, summed from modified Bessel terms that scipy (AMOS) and Cairn
 * (trapezoidal integral) each get to about 1e-15 relative, so a p-value of 1e-9 can only agree to about 2e-15 absolute:
 * those p-values are held to 5e-15 absolute.
 */
class ScipyParityTest {

    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-15;
    private static final double CRAMER_VON_MISES_ABSOLUTE = 5e-15;

    private static JsonNode reference;

    @BeforeAll
    static void readReference() throws IOException {
        try (InputStream in = ScipyParityTest.class.getResourceAsStream("scipy-reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyTestAgreesWithScipyOnEverySplit() {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> splits = reference.path("splits").fields(); splits.hasNext(); ) {
            Map.Entry<String, JsonNode> split = splits.next();
            ColumnTyping.Pair pair = RealSplits.load(split.getKey(), Set.of());
            for (Iterator<Map.Entry<String, JsonNode>> columns = split.getValue().path("columns").fields(); columns.hasNext(); ) {
                Map.Entry<String, JsonNode> expected = columns.next();
                String where = split.getKey() + "/" + expected.getKey();
                Column ref = pair.reference().column(expected.getKey()).orElseThrow();
                ColumnSample sample = ColumnSample.of(ref, pair.current().column(expected.getKey()).orElseThrow());
                assertThat(sample.type().shortName()).as(where + " type").isEqualTo(expected.getValue().path("type").asText());
                assertThat(StatTest.defaultFor(sample.type(), sample.referenceSize(), sample.distinctValues()).id())
                        .as(where + " default test").isEqualTo(expected.getValue().path("default_test").asText());
                for (Iterator<Map.Entry<String, JsonNode>> tests = expected.getValue().path("tests").fields(); tests.hasNext(); ) {
                    Map.Entry<String, JsonNode> test = tests.next();
                    TestOutcome outcome = ((StatTest) DriftTests.builtIn().parse(test.getKey())).apply(sample);
                    compared++;
                    check(mismatches, where + " " + test.getKey() + " statistic", outcome.statistic(),
                            test.getValue().path("statistic"), ABSOLUTE);
                    if (test.getValue().has("p_value")) {
                        check(mismatches, where + " " + test.getKey() + " p-value", outcome.score(),
                                test.getValue().path("p_value"),
                                test.getKey().equals("cramer_von_mises") ? CRAMER_VON_MISES_ABSOLUTE : ABSOLUTE);
                    }
                }
            }
        }
        assertThat(mismatches).as("of " + compared + " tests compared").isEmpty();
        assertThat(compared).isGreaterThan(400);
    }

    private static void check(List<String> mismatches, String what, double actual, JsonNode expectedNode,
            double absolute) {
        double expected = expectedNode.isNumber() ? expectedNode.asDouble() : Double.parseDouble(expectedNode.asText());
        if (expected == actual || Double.isNaN(expected) && Double.isNaN(actual)) {
            return;
        }
        double difference = Math.abs(actual - expected);
        if (difference > RELATIVE * Math.max(Math.abs(actual), Math.abs(expected)) && difference > absolute) {
            mismatches.add(what + ": " + actual + " vs scipy " + expected);
        }
    }
}
