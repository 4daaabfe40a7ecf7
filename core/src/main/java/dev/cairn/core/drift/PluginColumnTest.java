package dev.cairn.core.drift;

import dev.cairn.plugins.api.DriftTest;
import dev.cairn.plugins.api.PluginException;

/**
 * A plugin's drift test as the drift engine runs it: the plugin gets copies of the samples (a faulty plugin cannot
 * change what the other tests read), and whatever it throws or returns amiss becomes a {@link DatasetException}
 * naming the plugin.
 */
public final class PluginColumnTest implements ColumnTest {

    private final DriftTest test;
    private final String owner;
    // Read once, here: tables and combo boxes ask for them on the JavaFX thread, where no plugin code may run.
    private final String id;
    private final String displayName;
    private final double defaultThreshold;
    private final StatTest.Rule rule;
    private final boolean numerical;
    private final boolean categorical;

    /** @param owner names the plugin in error messages, such as "plugin Cairn drift tests 0.1.0 (x.jar)" */
    PluginColumnTest(DriftTest test, String owner) {
        this.test = test;
        this.owner = owner;
        this.id = test.id();
        this.displayName = test.displayName();
        this.defaultThreshold = test.defaultThreshold();
        this.rule = test.kind() == DriftTest.Kind.P_VALUE ? StatTest.Rule.P_BELOW : StatTest.Rule.AT_OR_ABOVE;
        this.numerical = test.numerical();
        this.categorical = test.categorical();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public double defaultThreshold() {
        return defaultThreshold;
    }

    @Override
    public StatTest.Rule rule() {
        return rule;
    }

    @Override
    public boolean appliesTo(ColumnType type) {
        return type == ColumnType.NUMERICAL ? numerical : categorical;
    }

    /** Which plugin the test comes from. */
    public String owner() {
        return owner;
    }

    TestOutcome apply(ColumnSample sample) {
        DriftTest.Result result;
        try {
            if (sample.type() == ColumnType.NUMERICAL) {
                result = test.testNumerical(sample.numeric().reference().clone(), sample.numeric().current().clone());
            } else {
                CategoryCounts counts = sample.counts();
                result = test.testCategorical(counts.labels(), counts.reference().clone(), counts.current().clone());
            }
        } catch (PluginException e) {
            throw new DatasetException("Test " + id() + " on column '" + sample.name() + "': " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
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
