package dev.cairn.plugins.drifttests;

import dev.cairn.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cairn.plugins.api.DriftTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EnergyDistanceTest {

    /** scipy.stats.energy_distance 1.17.1 on the same samples (values printed with repr). */
    @Test
    void matchesScipyOnSmallSamples() {
        assertThat(EnergyDistance.of(new double[] {0}, new double[] {2})).isCloseTo(2.0, within(1e-12));
        assertThat(EnergyDistance.of(sorted(0.7, 7.4, 2.4, 6.8), sorted(1.4, 8.0)))
                .isCloseTo(0.7664854858377946, within(1e-12));
        assertThat(EnergyDistance.of(sorted(0, 1, 3), sorted(5, 6, 8))).isCloseTo(2.7080128015453204, within(1e-12));
        // Ties inside and across the samples.
        assertThat(EnergyDistance.of(sorted(1, 1, 2, 2, 3), sorted(1, 2, 2, 2, 5, 5)))
                .isCloseTo(0.767390962214756, within(1e-12));
        assertThat(EnergyDistance.of(sorted(3, 1, 2), sorted(2, 3, 1))).isZero();
    }

    /** Bike sharing, hours of 2011 against 2012: scipy gives these for the real columns. */
    @Test
    void matchesScipyOnBikeSharing() throws IOException {
        List<String[]> rows = Files.readAllLines(TestData.path("datasets/bike_sharing_hour.csv")).stream()
                .skip(1).map(line -> line.split(",")).toList();
        // Columns: instant,dteday,season,yr,mnth,hr,holiday,weekday,workingday,weathersit,temp,atemp,hum,windspeed,...
        assertThat(distance(rows, 10)).isCloseTo(0.03194221103898032, within(1e-12));
        assertThat(distance(rows, 12)).isCloseTo(0.0583371803747444, within(1e-12));
        assertThat(distance(rows, 13)).isCloseTo(0.009072568899442747, within(1e-12));
        assertThat(distance(rows, 16)).isCloseTo(5.094747236655915, within(1e-9));
    }

    @Test
    void isFoundAsADriftTestService() {
        DriftTest test = ServiceLoader.load(DriftTest.class).findFirst().orElseThrow();
        assertThat(test.id()).isEqualTo("ed");
        assertThat(test.kind()).isEqualTo(DriftTest.Kind.DISTANCE);
        assertThat(test.numerical()).isTrue();
        assertThat(test.categorical()).isFalse();
        assertThat(test.testNumerical(sorted(0), sorted(2)).score()).isCloseTo(2.0, within(1e-12));
    }

    private static double distance(List<String[]> rows, int column) {
        double[] reference = rows.stream().filter(row -> row[3].equals("0")).mapToDouble(row -> Double.parseDouble(row[column]))
                .sorted().toArray();
        double[] current = rows.stream().filter(row -> row[3].equals("1")).mapToDouble(row -> Double.parseDouble(row[column]))
                .sorted().toArray();
        return EnergyDistance.of(reference, current);
    }


    private static double[] sorted(double... values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
