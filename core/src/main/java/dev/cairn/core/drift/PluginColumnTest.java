package dev.cairn.core.drift;

import dev.cairn.core.plugins.PluginDriftTest;
import dev.cairn.core.plugins.PluginErrors;
import dev.cairn.plugins.api.DriftTest;
import dev.cairn.plugins.api.PluginException;
import java.util.List;

/**
 * A plugin's drift test as the drift engine runs it: the plugin gets copies of the samples (a faulty plugin cannot
 * change what the other tests read), and whatever it throws or returns amiss becomes a {@link DatasetException}
 * naming the plugin. What describes the test was read when the plugin loaded; combo boxes and tables ask for it on
 * the JavaFX thread, where no plugin code runs.
 */
public final class PluginColumnTest implements ColumnTest {

    private final PluginDriftTest plugged;
    private final StatTest.Rule rule;

    PluginColumnTest(PluginDriftTest plugged) {
        this.plugged = plugged;
        this.rule = plugged.kind() == DriftTest.Kind.P_VALUE ? StatTest.Rule.P_BELOW : StatTest.Rule.AT_OR_ABOVE;
    }

    @Override
    public String id() {
        return plugged.id();
    }

    @Override
    public String displayName() {
        return plugged.displayName();
    }

    @Override
    public double defaultThreshold() {
        return plugged.defaultThreshold();
    }

    @Override
    public StatTest.Rule rule() {
        return rule;
    }

    @Override
    public boolean appliesTo(ColumnType type) {
        return type == ColumnType.NUMERICAL ? plugged.numerical() : plugged.categorical();
    }

    /** Which plugin the test comes from: "plugin NAME VERSION (FILE)". */
    public String owner() {
        return plugged.owner();
    }

    TestOutcome apply(ColumnSample sample) {
        DriftTest test = plugged.test();
        String owner = plugged.owner();
        DriftTest.Result result;
        try {
            if (sample.type() == ColumnType.NUMERICAL) {
                result = test.testNumerical(sample.numeric().reference().clone(), sample.numeric().current().clone());
            } else {
                CategoryCounts counts = sample.counts();
                result = test.testCategorical(List.copyOf(counts.labels()), counts.reference().clone(), counts.current().clone());
            }
        } catch (PluginException e) {
            throw new DatasetException("Test " + id() + " on column '" + sample.name() + "': " + e.getMessage(), e);
        } catch (Throwable e) {
            PluginErrors.rethrowIfFatal(e);
            throw new DatasetException("Test " + id() + " from " + owner + " failed on column '" + sample.name()
                    + "': " + e, e);
        }
        if (result == null || !Double.isFinite(result.score())) {
            throw new DatasetException("Test " + id() + " from " + owner + " gave no usable score for column '"
                    + sample.name() + "' (" + (result == null ? "none" : result.score()) + ")");
        }
        return new TestOutcome(result.statistic(), result.score());
    }

    @Override
    public String toString() {
        return id();
    }
}
