package dev.cairn.core.plugins;

import dev.cairn.plugins.api.DatasetReader;
import dev.cairn.plugins.api.DeploymentExporter;
import dev.cairn.plugins.api.DriftTest;
import dev.cairn.plugins.api.ModelImporter;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the jars of a plugins folder, each in its own child-first class loader (so two plugins may carry different
 * versions of one library), and finds their services with {@link ServiceLoader}. Nothing a jar does stops the
 * loading: a jar that is not a jar, names a class it lacks, needs a newer Java, or throws from a constructor is listed
 * with the reason and left out; the other jars load.
 */
public final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    private static final Pattern TEST_ID = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");
    /** Cairn registers these model files itself. */
    private static final Set<String> BUILT_IN_MODEL_EXTENSIONS = Set.of("onnx");

    /**
     * What Cairn has itself, which no plugin takes over.
     *
     * @param driftTestIds the built-in drift tests' ids, lower case
     * @param datasetExtensions the dataset files Cairn reads itself
     */
    public record BuiltIns(Set<String> driftTestIds, Set<String> datasetExtensions) {
        public BuiltIns {
            driftTestIds = Set.copyOf(driftTestIds);
            datasetExtensions = Set.copyOf(datasetExtensions);
        }
    }

    private final List<LoadedPlugin> jars = new ArrayList<>();
    private final List<PluginDriftTest> driftTests = new ArrayList<>();
    private final List<PluginFormat<DatasetReader>> readers = new ArrayList<>();
    private final List<PluginExporter> exporters = new ArrayList<>();
    private final List<PluginFormat<ModelImporter>> importers = new ArrayList<>();
    private final List<Closeable> loaders = new ArrayList<>();
    private final Set<String> testIds;
    private final Set<String> datasetExtensions;
    private final Set<String> modelExtensions = new HashSet<>(BUILT_IN_MODEL_EXTENSIONS);

    private PluginLoader(BuiltIns builtIns) {
        testIds = new HashSet<>(builtIns.driftTestIds());
        datasetExtensions = new HashSet<>(builtIns.datasetExtensions());
    }

    /**
     * Loads every {@code *.jar} of {@code folder} in name order; a missing folder means no plugins.
     * {@link dev.cairn.core.workspace.Workspace#loadPlugins} names Cairn's built-ins.
     */
    public static Plugins load(Path folder, BuiltIns builtIns) {
        PluginLoader loader = new PluginLoader(builtIns);
        List<Path> files;
        try (Stream<Path> listing = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            files = listing.filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the plugins folder {}: {}", folder, e.toString());
            return Plugins.none();
        }
        for (Path file : files) {
            loader.loadJar(file);
        }
        return new Plugins(loader.jars, loader.driftTests, loader.readers, loader.exporters, loader.importers,
                loader.loaders);
    }

    private void loadJar(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".jar".length());
        String version = null;
        List<String> problems = new ArrayList<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest != null) {
                Attributes attributes = manifest.getMainAttributes();
                name = valueOr(attributes.getValue(Attributes.Name.IMPLEMENTATION_TITLE), name);
                version = valueOr(attributes.getValue(Attributes.Name.IMPLEMENTATION_VERSION), version);
            }
        } catch (IOException | SecurityException e) {
            problems.add("Not a readable jar file: " + describe(e));
            record(new LoadedPlugin(fileName, name, version, List.of(), problems));
            return;
        }
        URLClassLoader classLoader;
        try {
            classLoader = new PluginClassLoader("plugin " + fileName, file.toUri().toURL(),
                    PluginLoader.class.getClassLoader());
        } catch (IOException e) {
            problems.add("Cannot open: " + describe(e));
            record(new LoadedPlugin(fileName, name, version, List.of(), problems));
            return;
        }
        String owner = "plugin " + LoadedPlugin.title(name, version) + " (" + fileName + ")";
        List<PluginService> services = new ArrayList<>();
        List<String> provides = new ArrayList<>();
        try {
            Found found = new Found(classLoader, services, provides, problems);
            found.collect(DriftTest.class, test -> acceptDriftTest(test, owner));
            found.collect(DatasetReader.class, reader -> acceptReader(reader, owner));
            found.collect(DeploymentExporter.class, exporter -> acceptExporter(exporter, owner));
            found.collect(ModelImporter.class, importer -> acceptImporter(importer, owner));
        } catch (Throwable e) {
            // Found catches what services throw; this is for what it does not foresee. The jar is left out whole.
            PluginErrors.rethrowIfFatal(e);
            services.clear();
            provides.clear();
            problems.add("Cannot be loaded: " + describe(e));
        }
        if (services.isEmpty() && problems.isEmpty()) {
            problems.add("Provides nothing Cairn uses: no META-INF/services entry names a Cairn plugin interface "
                    + "(dev.cairn.plugins.api)");
        }
        record(new LoadedPlugin(fileName, name, version, provides, problems));
        if (services.isEmpty()) {
            close(classLoader);
            return;
        }
        loaders.add(classLoader);
        for (PluginService service : services) {
            if (service instanceof PluginDriftTest test) {
                driftTests.add(test);
            } else if (service instanceof PluginExporter exporter) {
                exporters.add(exporter);
            } else if (service instanceof PluginFormat<?> format && format.service() instanceof DatasetReader) {
                readers.add(cast(format));
            } else if (service instanceof PluginFormat<?> format) {
                importers.add(cast(format));
            }
        }
    }

    /** Unchecked, but safe: the loader made each format from a service of the interface it was loaded for. */
    @SuppressWarnings("unchecked")
    private static <S> PluginFormat<S> cast(PluginFormat<?> format) {
        return (PluginFormat<S>) format;
    }

    /** Checks a drift test and reads its description, once, before it is offered. */
    private PluginDriftTest acceptDriftTest(DriftTest test, String owner) {
        String id = test.id();
        if (id == null || !TEST_ID.matcher(id).matches()) {
            throw new Refused("Drift test " + test.getClass().getName() + " has the id '" + id
                    + "': ids are lower case letters, digits and underscores, starting with a letter");
        }
        String displayName = named(test.displayName(), "Drift test '" + id + "'");
        boolean numerical = test.numerical();
        boolean categorical = test.categorical();
        if (!numerical && !categorical) {
            throw new Refused("Drift test '" + id + "' takes neither numerical nor categorical columns");
        }
        double threshold = test.defaultThreshold();
        DriftTest.Kind kind = test.kind();
        if (!(threshold >= 0) || Double.isInfinite(threshold) || kind == null) {
            throw new Refused("Drift test '" + id + "' needs a kind and a finite threshold of at least 0");
        }
        if (!testIds.add(id)) {
            throw new Refused("Drift test '" + id + "' is left out: a built-in test or another plugin has that id");
        }
        return new PluginDriftTest(test, id, displayName, threshold, kind, numerical, categorical, owner);
    }

    private PluginFormat<DatasetReader> acceptReader(DatasetReader reader, String owner) {
        String format = named(reader.formatName(), "Dataset reader " + reader.getClass().getName());
        Set<String> extensions = claim(reader.extensions(), datasetExtensions, "Dataset reader " + format);
        return new PluginFormat<>(reader, "Dataset reader", format, extensions, owner);
    }

    private PluginFormat<ModelImporter> acceptImporter(ModelImporter importer, String owner) {
        String format = named(importer.formatName(), "Model importer " + importer.getClass().getName());
        Set<String> extensions = claim(importer.extensions(), modelExtensions, "Model importer " + format);
        return new PluginFormat<>(importer, "Model importer", format, extensions, owner);
    }

    private static PluginExporter acceptExporter(DeploymentExporter exporter, String owner) {
        return new PluginExporter(exporter,
                named(exporter.targetName(), "Deployment exporter " + exporter.getClass().getName()), owner);
    }

    private static String named(String name, String who) {
        if (name == null || name.isBlank()) {
            throw new Refused(who + " has no name to show");
        }
        return name.strip();
    }

    /**
     * The first service to name an extension gets it; Cairn's own formats are never taken over. Extensions are what
     * follows a file name's last dot, so "tar.gz" or "" could never match a file and are refused.
     */
    private static Set<String> claim(Set<String> wanted, Set<String> taken, String who) {
        if (wanted == null || wanted.isEmpty()) {
            throw new Refused(who + " names no file extensions");
        }
        Set<String> extensions = Set.copyOf(wanted);
        for (String extension : extensions) {
            if (!EXTENSION.matcher(extension).matches()) {
                throw new Refused(who + " names the extension '" + extension
                        + "': extensions are lower case letters and digits, without the dot");
            }
            if (taken.contains(extension)) {
                throw new Refused(who + " is left out: ." + extension + " files are read by Cairn or another plugin");
            }
        }
        taken.addAll(extensions);
        return extensions;
    }

    private void record(LoadedPlugin plugin) {
        jars.add(plugin);
        if (plugin.problems().isEmpty()) {
            LOG.info("Plugin {} ({}): {}", plugin.title(), plugin.file(), plugin.provides());
        } else {
            LOG.warn("Plugin {} ({}): {}", plugin.title(), plugin.file(), plugin.problems());
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        // ServiceConfigurationError wraps what the constructor or class loading threw; that is the useful part.
        while (cause instanceof ServiceConfigurationError && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String prefix = cause == e ? "" : e.getMessage() + ": ";
        return prefix + cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("Closing a plugin's class loader", e);
        }
    }

    /** A service Cairn will not use; its message says why. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Collects one jar's services of each interface, only those the jar itself defines (not the class path's). */
    private record Found(ClassLoader loader, List<PluginService> services, List<String> provides,
            List<String> problems) {

        /** Errors after which a jar's services of one interface are given up (the iterator may keep failing). */
        private static final int MOST_ERRORS = 20;

        <S> void collect(Class<S> type, Function<S, PluginService> accept) {
            // The iterator, not stream(): after a provider fails it goes on to the next one.
            Iterator<S> iterator = ServiceLoader.load(type, loader).iterator();
            for (int errors = 0; errors < MOST_ERRORS; ) {
                try {
                    if (!iterator.hasNext()) {
                        return;
                    }
                    S service = iterator.next();
                    if (service.getClass().getClassLoader() != loader) {
                        continue;
                    }
                    PluginService accepted = accept.apply(service);
                    provides.add(accepted.summary());
                    services.add(accepted);
                } catch (Refused refused) {
                    problems.add(refused.getMessage());
                } catch (Throwable e) {
                    // A constructor or a describing method threw, or a class is missing or too new.
                    PluginErrors.rethrowIfFatal(e);
                    errors++;
                    problems.add(type.getSimpleName() + " cannot be loaded: " + describe(e));
                }
            }
        }
    }
}
