package dev.cairn.core.testing;

import dev.cairn.plugins.api.DriftTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Plugin jars for tests, as a plugin author makes them: Java sources compiled against the plugin API alone, the
 * services listed under {@code META-INF/services}, a title and version in the manifest. The example plugins of the
 * reactor are in {@code target/test-plugins} ({@link #examples()}).
 */
public final class PluginJars {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
    private String title = "Test plugin";
    private String version = "1.0";

    public static PluginJars builder() {
        return new PluginJars();
    }

    /** The folder the build copied the example plugin jars into. */
    public static Path examples() {
        Path folder = Path.of("target", "test-plugins").toAbsolutePath();
        if (!Files.isRegularFile(folder.resolve("cairn-plugin-drift-tests.jar"))) {
            throw new IllegalStateException("No example plugins in " + folder + ": run the tests through Maven "
                    + "(the dependency plugin copies them there)");
        }
        return folder;
    }

    public static Path example(String name) {
        return examples().resolve(name + ".jar");
    }

    public PluginJars title(String title, String version) {
        this.title = title;
        this.version = version;
        return this;
    }

    /** A class: {@code name} is its full name, {@code source} its whole compilation unit. */
    public PluginJars source(String name, String source) {
        sources.put(name, source);
        return this;
    }

    /** Lists {@code implementation} as a provider of {@code service} (a class need not exist: jars can be broken). */
    public PluginJars service(Class<?> service, String implementation) {
        services.computeIfAbsent(service.getName(), name -> new ArrayList<>()).add(implementation);
        return this;
    }

    /** Any other entry, such as a class file with a version the JVM does not run. */
    public PluginJars entry(String name, byte[] bytes) {
        extraEntries.put(name, bytes);
        return this;
    }

    /** Compiles the sources and writes the jar to {@code file}. */
    public Path writeTo(Path file) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes");
        compile(classes);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, title);
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), manifest);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path classFile : compiled.filter(Files::isRegularFile).toList()) {
                put(jar, classes.relativize(classFile).toString().replace('\\', '/'), Files.readAllBytes(classFile));
            }
            for (Map.Entry<String, List<String>> service : services.entrySet()) {
                put(jar, "META-INF/services/" + service.getKey(),
                        (String.join("\n", service.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> entry : extraEntries.entrySet()) {
                put(jar, entry.getKey(), entry.getValue());
            }
        }
        return file;
    }

    private void compile(Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        Path sourceFolder = Files.createTempDirectory("plugin-sources");
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", apiJar(),
                "--release", "17", "-proc:none"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceFolder.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (var err = new java.io.PrintWriter(errors)) {
            int status = compiler.run(null, OutputStream.nullOutputStream(), new WriterStream(err),
                    arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("The test plugin does not compile:\n" + errors);
            }
        }
    }

    /** The plugin API alone, as a plugin author compiles against it. */
    private static String apiJar() {
        try {
            return Path.of(DriftTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }

    /** javac's error output, kept for the failure message. */
    private static final class WriterStream extends OutputStream {
        private final java.io.PrintWriter writer;

        WriterStream(java.io.PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }
    }
}
