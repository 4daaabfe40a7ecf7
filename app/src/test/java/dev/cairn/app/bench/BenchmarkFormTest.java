package dev.cairn.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.bench.BenchmarkException;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.BenchmarkSweep;
import dev.cairn.core.bench.InputSource;
import dev.cairn.core.bench.RunLimit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkFormTest {

    private static final BenchmarkSettings.OptimizationLevel ALL = BenchmarkSettings.OptimizationLevel.ALL;

    @Test
    void theDefaultsAreAShortTimedRunOnOrtDefaults() {
        BenchmarkSettings settings = BenchmarkForm.defaults().toSettings();
        assertThat(settings.warmup()).isEqualTo(RunLimit.ofRuns(10));
        assertThat(settings.measured()).isEqualTo(RunLimit.ofSeconds(5));
        assertThat(settings.concurrency()).isEqualTo(1);
        assertThat(settings.batch()).isNull();
        assertThat(settings.dims()).isEmpty();
        assertThat(settings.intraOpThreads()).isZero();
        assertThat(settings.optimization()).isEqualTo(ALL);
    }

    @Test
    void everyFieldIsRead() {
        BenchmarkForm form = new BenchmarkForm(" 0 ", "200", false, "4", "8", "sequence=128, input:1=3", "2", "3",
                BenchmarkSettings.ExecutionMode.PARALLEL, BenchmarkSettings.OptimizationLevel.BASIC,
                BenchmarkSettings.Provider.CPU, InputSource.Kind.ZEROS, "", "", BenchmarkSweep.Parameter.BATCH,
                "1..16*2");
        BenchmarkSettings settings = form.toSettings();
        assertThat(settings.warmup()).isEqualTo(RunLimit.ofRuns(1)); // the runner wants at least one
        assertThat(settings.measured()).isEqualTo(RunLimit.ofRuns(200));
        assertThat(settings.concurrency()).isEqualTo(4);
        assertThat(settings.batch()).isEqualTo(8);
        assertThat(settings.dims()).isEqualTo(Map.of("sequence", 128L, "input:1", 3L));
        assertThat(settings.intraOpThreads()).isEqualTo(2);
        assertThat(settings.optimization()).isEqualTo(BenchmarkSettings.OptimizationLevel.BASIC);
        assertThat(settings.interOpThreads()).isEqualTo(3);
        assertThat(settings.executionMode()).isEqualTo(BenchmarkSettings.ExecutionMode.PARALLEL);
        assertThat(settings.input()).isEqualTo(InputSource.zeros());
        assertThat(form.toSweep().values()).containsExactly(1, 2, 4, 8, 16);
        assertThat(BenchmarkForm.defaults().toSweep()).isNull();
    }

    @Test
    void warmUpTakesSecondsAndInputsComeFromTheChosenSource() {
        BenchmarkForm timedWarmup = new BenchmarkForm("1.5s", "5", true, "1", "", "", "0", "0", null, ALL, null,
                InputSource.Kind.RANDOM, "7", "", null, "");
        assertThat(timedWarmup.toSettings().warmup()).isEqualTo(RunLimit.ofSeconds(1.5));
        assertThat(timedWarmup.toSettings().input()).isEqualTo(InputSource.random(7));
        BenchmarkForm fromFile = new BenchmarkForm("1", "5", true, "1", "", "", "0", "0", null, ALL, null,
                InputSource.Kind.FILE, "", " /data/in.json ", null, "");
        assertThat(fromFile.toSettings().input()).isEqualTo(InputSource.file(java.nio.file.Path.of("/data/in.json")));
        assertThatThrownBy(() -> new BenchmarkForm("1", "5", true, "1", "", "", "0", "0", null, ALL, null,
                InputSource.Kind.FILE, "", " ", null, "").toSettings()).hasMessageContaining("Choose the input file");
        assertThatThrownBy(() -> new BenchmarkForm("1", "5", true, "1", "", "", "0", "0", null, ALL, null,
                InputSource.Kind.RANDOM, "42", "", BenchmarkSweep.Parameter.THREADS, "").toSweep())
                .hasMessageContaining("Sweep values are missing");
        assertThatThrownBy(() -> new BenchmarkForm("1", "5", true, "1", "", "", "0", "0", null, ALL, null,
                InputSource.Kind.RANDOM, "42", "", BenchmarkSweep.Parameter.THREADS, "1,x").toSweep())
                .hasMessageContaining("got 'x'");
    }

    @Test
    void aBadFieldIsNamed() {
        assertThatThrownBy(() -> form("10", "5", true, "0", "", "").toSettings())
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("Concurrency");
        assertThatThrownBy(() -> form("10", "-1", true, "1", "", "").toSettings())
                .hasMessageContaining("Duration");
        assertThatThrownBy(() -> form("10", "1.5", false, "1", "", "").toSettings())
                .hasMessageContaining("Repetitions");
        assertThatThrownBy(() -> form("x", "5", true, "1", "", "").toSettings())
                .hasMessageContaining("Warm-up takes a number of runs");
        assertThatThrownBy(() -> form("10", "5", true, "1", "0", "").toSettings())
                .hasMessageContaining("Batch size");
        assertThatThrownBy(() -> form("10", "5", true, "1", "", "sequence").toSettings())
                .hasMessageContaining("name=size");
    }

    private static BenchmarkForm form(String warmup, String measured, boolean timed, String concurrency, String batch,
            String dims) {
        return new BenchmarkForm(warmup, measured, timed, concurrency, batch, dims, "0", "0", null, ALL, null,
                InputSource.Kind.RANDOM, "42", "", null, "");
    }
}
