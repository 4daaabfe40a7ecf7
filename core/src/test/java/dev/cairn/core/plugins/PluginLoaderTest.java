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

            DriftTest energy = loaded.driftTests().get(0).test();
            DatasetReader parquet = loaded.datasetReaders().get(0).service();
            assertThat(loaded.datasetReaders().get(0).extensions()).containsExactly("parquet");
            // Each from its own jar's loader, not from the test class path (where Maven also put them).
            assertThat(energy.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class)
                    .isNotSameAs(parquet.getClass().getClassLoader());
            assertThat(energy.getClass().getClassLoader().getParent()).isSameAs(PluginLoader.class.getClassLoader());
            // The API is Cairn's own, or the service could not be cast to it.
            assertThat(energy).isInstanceOf(DriftTest.class);
            assertThat(loaded.driftTests().get(0).owner()).isEqualTo("plugin Cairn extra drift tests 0.1.0-SNAPSHOT (cairn-plugin-drift-tests.jar)");
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
            assertThat(loaded.driftTests()).extracting(PluginDriftTest::id).containsExactly("ed");
            assertThat(loaded.driftTests().get(0).owner()).endsWith("(good.jar)");
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

    /**
     * Errors, not only exceptions, from what describes a service leave that service out; names Cairn could not show
     * and extensions no file name could match are refused. Only the jar's own services are listed, not those of the
     * class path (where Maven put the example plugins too).
     */
    @Test
    void servicesThatThrowErrorsOrDescribeThemselvesAmissAreLeftOut() throws IOException {
        PluginJars.builder().title("Errors", "1.0").source("org.example.Deep", """
                package org.example;
                public class Deep extends Base {
                    @Override public String id() { return id(); }
                }
                """).source("org.example.Asserts", """
                package org.example;
                public class Asserts extends Base {
                    @Override public String id() { throw new AssertionError("not ready"); }
                }
                """).source("org.example.Unnamed", """
                package org.example;
                public class Unnamed extends Base {
                    @Override public String id() { return "unnamed"; }
                    @Override public String displayName() { return " "; }
                }
                """).source("org.example.Fine", """
                package org.example;
                public class Fine extends Base {
                    @Override public String id() { return "fine"; }
                }
                """).source("org.example.Base", BASE).source("org.example.TarReader", """
                package org.example;
                public class TarReader implements dev.cairn.plugins.api.DatasetReader {
                    public String formatName() { return "Tarred CSV"; }
                    public java.util.Set<String> extensions() { return java.util.Set.of("tar.gz"); }
                    public dev.cairn.plugins.api.DataTable read(java.nio.file.Path file, int maxRows) {
                        throw new UnsupportedOperationException();
                    }
                }
                """).service(DriftTest.class, "org.example.Deep").service(DriftTest.class, "org.example.Asserts")
                .service(DriftTest.class, "org.example.Unnamed").service(DriftTest.class, "org.example.Fine")
                .service(DatasetReader.class, "org.example.TarReader").writeTo(plugins.resolve("errors.jar"));

        try (Plugins loaded = Workspace.loadPlugins(plugins)) {
            assertThat(loaded.driftTests()).extracting(PluginDriftTest::id).containsExactly("fine");
            assertThat(loaded.datasetReaders()).isEmpty();
            LoadedPlugin jar = loaded.jars().get(0);
            assertThat(jar.provides()).containsExactly("Drift test fine (Base)");
            assertThat(jar.problems()).hasSize(4);
            assertThat(jar.problems().get(0)).startsWith("DriftTest cannot be loaded: StackOverflowError");
            assertThat(jar.problems().get(1)).isEqualTo("DriftTest cannot be loaded: AssertionError (not ready)");
            assertThat(jar.problems().get(2)).isEqualTo("Drift test 'unnamed' has no name to show");
            assertThat(jar.problems().get(3)).isEqualTo("Dataset reader Tarred CSV names the extension 'tar.gz': "
                    + "extensions are lower case letters and digits, without the dot");
        }
    }

    /**
     * Child first: a plugin's own copy of a class wins over Cairn's (commons-math3 is on Cairn's class path), and
     * packages the JDK does not have are the plugin's whatever their prefix ({@code com.sun.jna} is a library).
     * Closing the plugins closes the jars.
     */
    @Test
    void aPluginsOwnClassesWinOverCairnsAndClosingReleasesTheJar() throws IOException {
        PluginJars.builder().title("Own copies", "1.0").source("org.apache.commons.math3.util.FastMath", """
                package org.apache.commons.math3.util;
                public final class FastMath {
                    public static String whose() { return "the plugin's"; }
                }
                """).source("com.sun.example.Helper", """
                package com.sun.example;
                public final class Helper {
                    public static String name() { return "helper"; }
                }
                """).source("org.example.Own", """
                package org.example;
                public class Own extends Base {
                    @Override public String id() { return "own"; }
                    @Override public String displayName() {
                        return org.apache.commons.math3.util.FastMath.whose() + " " + com.sun.example.Helper.name();
                    }
                }
                """).source("org.example.Base", BASE).service(DriftTest.class, "org.example.Own")
                .writeTo(plugins.resolve("own.jar"));
        assertThat(org.apache.commons.math3.util.FastMath.class.getClassLoader())
                .as("Cairn has commons-math3 itself").isNotNull();

        java.net.URLClassLoader loader;
        try (Plugins loaded = Workspace.loadPlugins(plugins)) {
            assertThat(loaded.jars().get(0).problems()).isEmpty();
            assertThat(loaded.driftTests().get(0).displayName()).isEqualTo("the plugin's helper");
            loader = (java.net.URLClassLoader) loaded.driftTests().get(0).test().getClass().getClassLoader();
            assertThat(loader.findResource("META-INF/MANIFEST.MF")).isNotNull();
        }
        assertThat(loader.findResource("META-INF/MANIFEST.MF")).as("closed with the plugins").isNull();
    }
}
