package dev.cairn.core.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How logged tensors become named columns. */
class MonitorPredictionTableTest {

    private static LoggedPrediction logged(String inputs, String outputs) {
        return new LoggedPrediction(Instant.parse("2026-11-23T10:00:00Z"), null, "m", null, "infer", 1.0, inputs,
                outputs, Integer.toHexString((inputs + outputs).hashCode()));
    }

    @Test
    void aSingleMatrixInputTakesTheReferenceNamesAndZipMapProbabilitiesTheirClasses() {
        LoggedPrediction prediction = logged(
                "[{\"name\":\"float_input\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[[1.5,2.5],[3.5,\"NaN\"]]}]",
                "[{\"name\":\"output_label\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[0,2]},"
                        + "{\"name\":\"output_probability\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[0.9,0.1,0.2,0.8],"
                        + "\"parameters\":{\"zipmap_keys\":[0,2]}}]");
        PredictionTable table = PredictionTable.of(List.of(prediction), List.of("a", "output_label", "b", "c"));
        assertThat(table.columns()).containsExactly("a", "b", "output_label", "prob_0", "prob_2");
        assertThat(table.rows()).isEqualTo(2);
        assertThat(table.labelColumns()).containsExactly("output_label");
        var csv = table.slice("w", List.of("a", "b", "prob_2"), 0, 2);
        assertThat(csv.labels(1)).containsExactly("2.5", null); // NaN is a missing value, as in a CSV
        assertThat(csv.labels(2)).containsExactly("0.1", "0.8");

        PredictionTable unnamed = PredictionTable.of(List.of(prediction), List.of());
        assertThat(unnamed.columns()).startsWith("f0", "f1");
    }

    @Test
    void onePerColumnInputsAreNamedAfterThemAndSummarisedTensorsAreSkipped() {
        LoggedPrediction pipeline = logged(
                "[{\"name\":\"sex\",\"shape\":[2,1],\"datatype\":\"BYTES\",\"data\":[\"male\",\"female\"]},"
                        + "{\"name\":\"age\",\"shape\":[2,1],\"datatype\":\"FP32\",\"data\":[22.0,38.0]},"
                        + "{\"name\":\"image\",\"shape\":[2,5000],\"datatype\":\"FP32\",\"truncated\":true,\"count\":10000,"
                        + "\"head\":[0.0]}]",
                "[{\"name\":\"output\",\"shape\":[2,3],\"datatype\":\"FP32\",\"data\":[1,0,0,0,1,0]},"
                        + "{\"name\":\"score\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[0.5,0.7]}]");
        LoggedPrediction other = logged("[{\"name\":\"age\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[40.0]}]",
                "[]");
        PredictionTable table = PredictionTable.of(List.of(pipeline, other), List.of("age", "sex"));
        assertThat(table.columns()).containsExactly("sex", "age", "prob_0", "prob_1", "prob_2", "score");
        assertThat(table.skippedTensors()).isEqualTo(1);
        assertThat(table.labelColumns()).as("floating-point outputs are measurements").isEmpty();
        assertThat(table.rows()).isEqualTo(3);
        assertThat(table.predictions()).isEqualTo(2);
        assertThat(table.slice("w", List.of("sex", "age"), 0, 3).labels(0)).containsExactly("male", "female", null);
        assertThat(table.hasValues("sex", 2, 3)).isFalse();
    }
}
