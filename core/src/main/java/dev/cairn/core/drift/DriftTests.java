package dev.cairn.core.drift;

import dev.cairn.core.plugins.PluginDriftTest;
import dev.cairn.core.plugins.Plugins;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The column tests a workspace offers: Evidently's built-in tests, then those of its plugins. */
public final class DriftTests {

    private final List<ColumnTest> all;

    private DriftTests(List<ColumnTest> all) {
        this.all = List.copyOf(all);
    }

    public static DriftTests builtIn() {
        return new DriftTests(Arrays.asList(StatTest.values()));
    }

    /** The built-in tests and the plugins' (which the plugin loader has checked for clashing ids). */
    public static DriftTests of(Plugins plugins) {
        List<ColumnTest> tests = new ArrayList<>(Arrays.asList(StatTest.values()));
        for (PluginDriftTest test : plugins.driftTests()) {
            tests.add(new PluginColumnTest(test));
        }
        return new DriftTests(tests);
    }

    public List<ColumnTest> all() {
        return all;
    }

    /** The tests that can test a column of this type, built-in ones first. */
    public List<ColumnTest> applicableTo(ColumnType type) {
        return all.stream().filter(test -> test.appliesTo(type)).toList();
    }

    /** A test by its id (Evidently's name for built-in ones) or a built-in one's enum name, in any case. */
    public ColumnTest parse(String name) {
        String wanted = name.trim();
        for (ColumnTest test : all) {
            if (test.id().equalsIgnoreCase(wanted)
                    || test instanceof StatTest stat && stat.name().equalsIgnoreCase(wanted)) {
                return test;
            }
        }
        String known = String.join(", ", all.stream().map(ColumnTest::id).toList());
        throw new DatasetException("Unknown test '" + name + "' (known: " + known + ")");
    }

    @Override
    public String toString() {
        return all.stream().map(test -> test.id().toLowerCase(Locale.ROOT)).toList().toString();
    }
}
