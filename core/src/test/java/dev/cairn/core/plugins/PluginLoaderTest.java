package dev.cairn.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.testing.PluginJars;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.plugins.api.DatasetReader;
import dev.cairn.plugins.api.DriftTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path plugins;

    @Test
    void loadsTheExamplePluginsEachInItsOwnClassLoader() throws IOException {
        Files.copy(PluginJars.example("cairn-plugin-drift-tests"), plugins.resolve("cairn-plugin-drift-tests.jar"));
        Files.copy(PluginJars.example("cairn-plugin-parquet"), plugins.resolve("cairn-plugin-parquet.jar"));

        try (Plugins loaded = Workspace.loadPlugins(plugins)) {
            assertThat(loaded.jars()).extracting(LoadedPlugin::file, LoadedPlugin::name, LoadedPlugin::problems)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("cairn-plugin-drift-tests.jar",
                                    "Cairn extra drift tests", List.of()),
                            org.assertj.core.groups.Tuple.tuple("cairn-plugin-parquet.jar", "Cairn Parquet reader",
                                    List.of()));
            assertThat(loaded.jars()).allSatisfy(jar -> assertThat(jar.version()).isEqualTo("0.1.0-SNAPSHOT"));
            assertThat(loaded.jars().get(0).provides()).containsExactly("Drift test ed (Energy distance)");
            assertThat(loaded.jars().get(1).provides()).containsExactly("Dataset reader: Parquet (.parquet)");

            DriftTest energy = loaded.driftTests().get(0);
            DatasetReader parquet = loaded.datasetReaders().get(0);
            // Each from its own jar's loader, not from the test class path (where Maven also put them).
            assertThat(energy.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class)
                    .isNotSameAs(parquet.getClass().getClassLoader());
            assertThat(energy.getClass().getClassLoader().getParent()).isSameAs(PluginLoader.class.getClassLoader());
            // The API is Cairn's own, or the service could not be cast to it.
            assertThat(energy).isInstanceOf(DriftTest.class);
            assertThat(loaded.describeOwner(energy))
                    .isEqualTo("plugin Cairn extra drift tests 0.1.0-SNAPSHOT (cairn-plugin-drift-tests.jar)");
        }
    }

    @Test
    void aMissingOrEmptyFolderMeansNoPlugins() {
        assertThat(Workspace.loadPlugins(plugins.resolve("absent")).jars()).isEmpty();
        assertThat(Workspace.loadPlugins(plugins).jars()).isEmpty();
    }

    /** Every way a jar can be broken is listed with its reason; the good jar beside them loads all the same. */
    @Test
    void brokenJarsAreListedWithTheirErrorAndNeverStopTheOthers() throws IOException {
        Files.copy(PluginJars.example("cairn-plugin-drift-tests"), plugins.resolve("good.jar"));
        Files.writeString(plugins.resolve("a-not-a-jar.jar"), "this is a text file someone renamed");
        PluginJars.builder().title("Missing class", "2.0").service(DriftTest.class, "org.example.Gone")
                .writeTo(plugins.resolve("b-missing-class.jar"));
        PluginJars.builder().title("Throws", "1.0").source("org.example.Throws", """
                package org.example;
                public class Throws extends Base {
                    public Throws() { throw new IllegalStateException("no licence key"); }
                }
                """).source("org.example.Base", BASE).service(DriftTest.class, "org.example.Throws")
                .writeTo(plugins.resolve("c-throws.jar"));
        PluginJars.builder().title("Future", "9.0").entry("dev/cairn/plugins/drifttests/EnergyDistance.class",
                futureClass()).service(DriftTest.class, "dev.cairn.plugins.drifttests.EnergyDistance").writeTo(plugins.resolve("d-newer-java.jar"));
        PluginJars.builder().title("Nothing", "1.0").writeTo(plugins.resolve("e-nothing.jar"));
        PluginJars.builder().title("Clash", "1.0").source("org.example.Ks", """
                package org.example;
                public class Ks extends Base {
                    @Override public String id() { return "ks"; }
                }
                """).source("org.example.Base", BASE).service(DriftTest.class, "org.example.Ks")
                .writeTo(plugins.resolve("f-clash.jar"));
        PluginJars.builder().title("Second ed", "1.0").source("org.example.Ed", """
                package org.example;
                public class Ed extends Base {
                    @Override public String id() { return "ed"; }
                }
                """).source("org.example.Base", BASE).service(DriftTest.class, "org.example.Ed")
                .writeTo(plugins.resolve("h-second-ed.jar"));

        try (Plugins loaded = Workspace.loadPlugins(plugins)) {
            assertThat(loaded.driftTests()).extracting(DriftTest::id).containsExactly("ed");
            assertThat(loaded.owners().get(loaded.driftTests().get(0)).file()).isEqualTo("good.jar");
            assertThat(loaded.jars()).extracting(LoadedPlugin::file).containsExactly("a-not-a-jar.jar",
                    "b-missing-class.jar", "c-throws.jar", "d-newer-java.jar", "e-nothing.jar", "f-clash.jar",
                    "good.jar", "h-second-ed.jar");
            assertThat(problem(loaded, "a-not-a-jar.jar")).startsWith("Not a readable jar file: ZipException");
            assertThat(problem(loaded, "b-missing-class.jar")).contains("DriftTest cannot be loaded")
                    .contains("org.example.Gone not found");
            assertThat(problem(loaded, "c-throws.jar")).contains("IllegalStateException (no licence key)");
            assertThat(problem(loaded, "d-newer-java.jar")).contains("UnsupportedClassVersionError");
            assertThat(problem(loaded, "e-nothing.jar")).startsWith("Provides nothing Cairn uses");
            assertThat(problem(loaded, "f-clash.jar"))
                    .isEqualTo("Drift test 'ks' is left out: a built-in test or another plugin has that id");
            assertThat(problem(loaded, "h-second-ed.jar"))
                    .isEqualTo("Drift test 'ed' is left out: a built-in test or another plugin has that id");
            LoadedPlugin missing = loaded.jars().get(1);
            assertThat(missing.name()).isEqualTo("Missing class");
            assertThat(missing.version()).isEqualTo("2.0");
            assertThat(missing.loaded()).isFalse();
            assertThat(loaded.jars().get(6).loaded()).isTrue();
        }
    }

    /** A drift test to extend: numerical, a distance, with a made-up score. */
    static final String BASE = """
            package org.example;
            import dev.cairn.plugins.api.DriftTest;
            public class Base implements DriftTest {
                public String id() { return "base"; }
                public String displayName() { return "Base"; }
                public double defaultThreshold() { return 0.1; }
                public Kind kind() { return Kind.DISTANCE; }
                public boolean numerical() { return true; }
                public Result testNumerical(double[] reference, double[] current) { return Result.distance(0); }
            }
            """;

    private static String problem(Plugins loaded, String file) {
        LoadedPlugin jar = loaded.jars().stream().filter(plugin -> plugin.file().equals(file)).findFirst()
                .orElseThrow();
        assertThat(jar.problems()).as(file).hasSize(1);
        return jar.problems().get(0);
    }

    /** The example plugin's class file, marked as compiled for Java 55 releases ahead (major version 99). */
    private static byte[] futureClass() throws IOException {
        try (JarFile jar = new JarFile(PluginJars.example("cairn-plugin-drift-tests").toFile());
             InputStream in = jar.getInputStream(jar.getEntry("dev/cairn/plugins/drifttests/EnergyDistance.class"))) {
            byte[] bytes = in.readAllBytes();
            bytes[6] = 0;
            bytes[7] = 99;
            return bytes;
        }
    }

    @Test
    void describesAServiceOfNoKnownPlugin() {
        assertThat(Plugins.none().describeOwner("x")).isEqualTo("plugin java.lang.String");
    }
}
